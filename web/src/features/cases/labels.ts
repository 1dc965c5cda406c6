// Chinese names for the case API's codes (办件). The server names states and actions itself
// (stateName, actionName, kindName); these cover the codes it sends bare.

export const CHANNEL_NAMES: Record<string, string> = { online: '网上申请', window: '窗口收件' };
export const APPLICANT_KIND_NAMES: Record<string, string> = { person: '自然人', enterprise: '法人或其他组织' };
export const CASE_MATERIAL_SOURCE_NAMES: Record<string, string> = { upload: '上传', reuse: '复用已有材料', sharing: '数据共享获取', paper: '纸质已收' };
export const CASE_MATERIAL_STATUS: Record<string, { text: string; tone: 'ok' | 'warn' | 'off' }> = {
  submitted: { text: '已提交', tone: 'off' },
  accepted: { text: '已确认', tone: 'ok' },
  'to-correct': { text: '待补正', tone: 'warn' },
};
/**
 * A case material's status in words. A material the platform obtained itself (data sharing, or an
 * e-licence it holds) was never handed in: until staff confirm the materials it reads 平台调取 (an
 * e-licence) or 数据共享获取, not 已提交.
 */
export function materialStatus(m: { source: string; status: string; licence?: unknown }): { text: string; tone: 'ok' | 'warn' | 'off' } {
  if (m.source === 'sharing' && m.status === 'submitted') return { text: m.licence ? '平台调取' : '数据共享获取', tone: 'off' };
  return CASE_MATERIAL_STATUS[m.status] ?? { text: m.status, tone: 'off' };
}
export const DECISION_NAMES: Record<string, string> = { granted: '准予', refused: '不予', 'deemed-granted': '视为准予延续' };
export const DELIVERY_METHOD_NAMES: Record<string, string> = { window: '窗口领取', electronic: '电子送达', mail: '邮寄送达' };
export const RESULT_FORM_NAMES: Record<string, string> = { electronic: '电子结果（电子证照）', paper: '纸质结果' };
export const PAUSE_KIND_NAMES: Record<string, string> = {
  hearing: '听证',
  'expert-review': '专家评审',
  inspection: '检验检测',
  publicity: '公示',
  other: '其他',
};
export const UNIT_NAMES: Record<string, string> = { 'working-day': '个工作日', 'calendar-day': '日' };

export const MESSAGE_CHANNEL_NAMES: Record<string, string> = { portal: '站内消息', email: '电子邮件', sms: '短信' };
export const MESSAGE_STATUS: Record<string, { text: string; tone: 'ok' | 'warn' | 'off' | 'bad' }> = {
  created: { text: '待发送', tone: 'off' },
  sending: { text: '发送中', tone: 'off' },
  delivered: { text: '已送达', tone: 'ok' },
  'temporary-failure': { text: '暂时失败，将重试', tone: 'warn' },
  'permanent-failure': { text: '发送失败', tone: 'bad' },
  recorded: { text: '已记录（沙箱）', tone: 'off' },
};

export const ROLE_NAMES: Record<string, string> = {
  'system-admin': '系统管理员',
  'catalog-admin': '事项管理员',
  'catalog-reviewer': '事项审核人员',
  'dept-admin': '部门管理员',
  'window-clerk': '窗口受理人员',
  reviewer: '审核人员',
  decider: '审批人员',
  'center-admin': '中心管理员',
  supervisor: '管理机构监督人员',
  auditor: '审计员',
};
export const ACTOR_KIND_NAMES: Record<string, string> = { staff: '工作人员', applicant: '申请人', system: '通办平台', machine: '部门业务系统' };

/** Role keys (an array, or the history's comma-separated column) as Chinese names. */
export function roleNames(roles: string[] | string | null | undefined): string {
  const list = Array.isArray(roles) ? roles : (roles ?? '').split(',').filter(Boolean);
  return list.map((r) => ROLE_NAMES[r.trim()] ?? r.trim()).join('、');
}

/** The labelled field names of the history's `details`, shown under each step of the timeline. */
export const DETAIL_NAMES: Record<string, string> = {
  reasons: '理由',
  reason: '原因',
  legalBasis: '法律依据',
  contact: '联系方式',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  opinion: '意见',
  note: '记录',
  days: '天数',
  deadlineOn: '期限',
  kind: '类型',
  kindName: '类型',
  startedOn: '开始日期',
  endedOn: '结束日期',
  method: '方式',
  carrier: '快递公司',
  trackingNumber: '运单号',
  resultForms: '结果形式',
  dueOn: '办结期限',
  noticeNumber: '文书编号',
  acceptedOn: '受理日期',
  situationName: '办理情形',
  channel: '渠道',
  guideVersionNo: '办事指南版本',
};

/** Bytes as people read them. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The states' names (the history names its states by code). A copy of STATE_NAMES in
 * src/modules/cases/rules.ts, since the web imports server types only; test/web/case-labels.test.ts
 * fails when the two differ.
 */
export const CASE_STATE_NAMES: Record<string, string> = {
  submitted: '待受理',
  'awaiting-supplement': '待补齐补正',
  'under-review': '审查中',
  'awaiting-decision': '待决定',
  granted: '准予（待送达）',
  refused: '不予（待送达）',
  delivered: '已办结',
  'not-accepted': '不予受理',
  ended: '已终止',
  withdrawn: '已撤回',
};
