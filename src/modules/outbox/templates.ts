// Message templates (消息模板): the built-in first version of each, per channel. An administrator adds
// newer versions (message_templates table); a message records the version it was rendered from.
import type { MessageChannel } from '../../db/schema.js';

export interface TemplateText {
  subject: string;
  body: string;
}

export const CHANNELS: readonly MessageChannel[] = ['portal', 'email', 'sms'];
export const CHANNEL_NAMES: Record<MessageChannel, string> = { portal: '办事大厅站内消息', email: '电子邮件', sms: '短信' };

/** Every template key the case module sends, with its name for the administrator. */
export const TEMPLATE_NAMES = {
  'case.submitted': '申请已提交',
  'case.supplement-requested': '一次性告知补齐补正',
  'case.supplied': '补正材料已收到',
  'case.accepted': '已受理',
  'case.accepted-tolerant': '容缺受理',
  'case.not-accepted': '不予受理',
  'case.paused': '办理时限暂停',
  'case.resumed': '办理时限恢复',
  'case.extended': '办理时限延长',
  'case.granted': '准予决定',
  'case.refused': '不予决定',
  'case.deemed-renewed': '视为准予延续',
  'case.ended-tolerant-missed': '容缺逾期未补正终止办理',
  'case.lapsed-supplement': '逾期未补正视为撤回',
  'case.delivered': '办理结果已送达',
  'case.withdrawn': '申请已撤回',
} as const;
export type TemplateKey = keyof typeof TEMPLATE_NAMES;
export const TEMPLATE_KEYS = Object.keys(TEMPLATE_NAMES) as TemplateKey[];

export function isTemplateKey(value: string): value is TemplateKey {
  return Object.prototype.hasOwnProperty.call(TEMPLATE_NAMES, value);
}

/** Given with every message (the contract with the case module). */
export const COMMON_PARAMS = ['caseNumber', 'itemName', 'orgName', 'stateName', 'link'] as const;

/** Given in addition for these keys. */
const EXTRA_PARAMS: Record<TemplateKey, readonly string[]> = {
  'case.submitted': [],
  'case.supplement-requested': ['items', 'deadline'],
  'case.supplied': [],
  'case.accepted': ['dueOn'],
  'case.accepted-tolerant': ['items', 'deadline', 'dueOn'],
  'case.not-accepted': ['reasons'],
  'case.paused': ['reasons'],
  'case.resumed': ['dueOn'],
  'case.extended': ['dueOn', 'reasons'],
  'case.granted': [],
  'case.refused': ['reasons'],
  'case.deemed-renewed': [],
  'case.ended-tolerant-missed': [],
  'case.lapsed-supplement': [],
  'case.delivered': [],
  'case.withdrawn': [],
};

/** The placeholder names a template of this key may use. */
export function paramsOf(key: TemplateKey): string[] {
  return [...COMMON_PARAMS, ...EXTRA_PARAMS[key]];
}

export const PARAM_NAMES: Record<string, string> = {
  caseNumber: '办件编号',
  itemName: '事项名称',
  orgName: '办理机构',
  stateName: '当前状态',
  link: '办件查看地址',
  items: '需补齐补正的材料清单',
  deadline: '补正期限（YYYY-MM-DD）',
  dueOn: '承诺办结日期（YYYY-MM-DD）',
  reasons: '理由',
};

/** Shown in previews where the administrator gives no value. */
export const SAMPLE_PARAMS: Record<string, string> = {
  caseNumber: 'XA2026031200123',
  itemName: '食品经营许可证核发',
  orgName: '兴安盟市场监督管理局',
  stateName: '审查中',
  link: 'https://tongban.example.gov.cn/my/cases/0b7e4a1c-示例',
  items: '一、营业执照：请提交加盖公章的复印件。\n二、食品安全管理制度：缺少进货查验记录制度。',
  deadline: '2026-03-20',
  dueOn: '2026-04-10',
  reasons: '申请人不具备法定的经营场所条件。',
};

const FOOTER = '\n\n本邮件由兴安盟政务服务平台（通办）自动发送，请勿直接回复。';

/**
 * The three channels of one message from its title and sentences: the portal shows the title and the
 * text, the e-mail adds the case facts and the link, the SMS is one short line with the link.
 */
function message(title: string, text: string, smsText: string): Record<MessageChannel, TemplateText> {
  return {
    portal: { subject: title, body: text },
    email: {
      subject: `【通办】${title}（办件编号 {{caseNumber}}）`,
      body:
        `尊敬的申请人：\n\n${text}\n\n办件编号：{{caseNumber}}\n办理事项：{{itemName}}\n办理机构：{{orgName}}\n当前状态：{{stateName}}\n\n` +
        `查看办理进度：{{link}}${FOOTER}`,
    },
    sms: { subject: '', body: `【通办】${smsText}详见 {{link}}` },
  };
}

/** Version 0: shipped with the platform. Placeholders are {{name}}. */
export const BUILT_IN_TEMPLATES: Record<TemplateKey, Record<MessageChannel, TemplateText>> = {
  'case.submitted': message(
    '申请已提交',
    '您申请办理的“{{itemName}}”已提交，办件编号 {{caseNumber}}。{{orgName}}将在一个工作日内作出是否受理的决定，请留意后续通知。',
    '您申请的{{itemName}}已提交，办件编号{{caseNumber}}，一个工作日内告知是否受理。',
  ),
  'case.supplement-requested': message(
    '请补齐补正申请材料',
    '您申请办理的“{{itemName}}”（办件编号 {{caseNumber}}），经{{orgName}}审查，申请材料需补齐补正。现一次性告知如下：\n{{items}}\n请于 {{deadline}} 前提交。逾期未补齐补正的，视为撤回申请。',
    '您的{{itemName}}申请（{{caseNumber}}）需补齐补正材料，请于{{deadline}}前提交，逾期视为撤回。',
  ),
  'case.supplied': message(
    '补正材料已收到',
    '您为“{{itemName}}”（办件编号 {{caseNumber}}）补齐补正的材料已收到。{{orgName}}将在一个工作日内作出是否受理的决定。',
    '您的{{itemName}}申请（{{caseNumber}}）补正材料已收到，一个工作日内告知是否受理。',
  ),
  'case.accepted': message(
    '申请已受理',
    '您申请办理的“{{itemName}}”已由{{orgName}}受理，办件编号 {{caseNumber}}，承诺于 {{dueOn}} 前办结。受理凭证可在办事大厅“我的办件”中下载。',
    '您的{{itemName}}申请（{{caseNumber}}）已受理，承诺{{dueOn}}前办结。',
  ),
  'case.accepted-tolerant': message(
    '申请已容缺受理',
    '您申请办理的“{{itemName}}”（办件编号 {{caseNumber}}）已由{{orgName}}容缺受理，承诺于 {{dueOn}} 前办结。请于 {{deadline}} 前补正以下材料：\n{{items}}\n逾期未补正的，将终止办理。',
    '您的{{itemName}}申请（{{caseNumber}}）已容缺受理，请于{{deadline}}前补正材料，逾期将终止办理。',
  ),
  'case.not-accepted': message(
    '申请不予受理',
    '您申请办理的“{{itemName}}”（办件编号 {{caseNumber}}），{{orgName}}决定不予受理。\n理由：{{reasons}}\n不予受理决定书载明法律依据和联系方式，可在办事大厅“我的办件”中下载。',
    '您的{{itemName}}申请（{{caseNumber}}）不予受理，理由及依据请查看决定书。',
  ),
  'case.paused': message(
    '办理时限暂停计算',
    '您的“{{itemName}}”（办件编号 {{caseNumber}}）依法需要进行听证、专家评审、检验检测或公示等程序，所需时间不计入承诺办结时限，办理时限暂停计算。\n原因：{{reasons}}\n恢复计算时将另行告知。',
    '您的{{itemName}}办件（{{caseNumber}}）依法进入不计时程序，办理时限暂停计算。',
  ),
  'case.resumed': message(
    '办理时限恢复计算',
    '您的“{{itemName}}”（办件编号 {{caseNumber}}）已恢复计算办理时限，承诺于 {{dueOn}} 前办结。',
    '您的{{itemName}}办件（{{caseNumber}}）已恢复计时，承诺{{dueOn}}前办结。',
  ),
  'case.extended': message(
    '办理时限延长',
    '经{{orgName}}负责人批准，您的“{{itemName}}”（办件编号 {{caseNumber}}）办理时限予以延长，现承诺于 {{dueOn}} 前办结。\n延长理由：{{reasons}}',
    '您的{{itemName}}办件（{{caseNumber}}）办理时限经批准延长，现承诺{{dueOn}}前办结。',
  ),
  'case.granted': message(
    '准予决定',
    '您申请办理的“{{itemName}}”（办件编号 {{caseNumber}}），{{orgName}}已作出准予的决定。办理结果将按您选择的方式送达。',
    '您的{{itemName}}申请（{{caseNumber}}）已准予，结果将按您选择的方式送达。',
  ),
  'case.refused': message(
    '不予决定',
    '您申请办理的“{{itemName}}”（办件编号 {{caseNumber}}），{{orgName}}作出不予的决定。\n理由：{{reasons}}\n决定书载明联系人和联系方式，可在办事大厅“我的办件”中下载。',
    '您的{{itemName}}申请（{{caseNumber}}）不予准予，理由请查看决定书。',
  ),
  'case.deemed-renewed': message(
    '视为准予延续',
    '您申请延续的“{{itemName}}”（办件编号 {{caseNumber}}），{{orgName}}在有效期届满前未作出决定，依法视为准予延续。',
    '您的{{itemName}}延续申请（{{caseNumber}}）依法视为准予延续。',
  ),
  'case.ended-tolerant-missed': message(
    '容缺补正逾期，终止办理',
    '您的“{{itemName}}”（办件编号 {{caseNumber}}）容缺受理后，未在规定期限内补正材料，依规定终止办理，不予准予。如有疑问，请联系{{orgName}}。',
    '您的{{itemName}}办件（{{caseNumber}}）未按期补正容缺材料，已终止办理。',
  ),
  'case.lapsed-supplement': message(
    '逾期未补正，视为撤回',
    '您的“{{itemName}}”（办件编号 {{caseNumber}}）未在规定期限内补齐补正材料，视为撤回申请。如需办理，请重新提交申请。',
    '您的{{itemName}}申请（{{caseNumber}}）逾期未补齐补正，视为撤回。',
  ),
  'case.delivered': message(
    '办理结果已送达',
    '您的“{{itemName}}”（办件编号 {{caseNumber}}）办理结果已送达，本次办理已办结。',
    '您的{{itemName}}办件（{{caseNumber}}）结果已送达，已办结。',
  ),
  'case.withdrawn': message(
    '申请已撤回',
    '您的“{{itemName}}”（办件编号 {{caseNumber}}）申请已撤回，办理终止。如需办理，请重新提交申请。',
    '您的{{itemName}}申请（{{caseNumber}}）已撤回。',
  ),
};

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Fills {{placeholders}}; an unknown placeholder is left visible rather than silently dropped. */
export function renderTemplate(text: string, params: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? params[name] : whole));
}

/** The placeholder names a text uses, and whether braces are left over that are no placeholder. */
export function placeholdersIn(text: string): { names: string[]; malformed: boolean } {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const rest = text.replace(PLACEHOLDER, '');
  return { names: [...new Set(names)], malformed: rest.includes('{{') || rest.includes('}}') };
}
