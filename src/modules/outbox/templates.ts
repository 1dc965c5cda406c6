// Message templates (消息模板): the built-in first version of each, per channel. An administrator adds
// newer versions (message_templates table); a message records the version it was rendered from.
import type { MessageChannel } from '../../db/schema.js';

export interface TemplateText {
  subject: string;
  body: string;
}

const sms = (body: string) => ({ subject: '', body });

/** Version 0: shipped with the platform. Placeholders are {{name}}. */
export const BUILT_IN_TEMPLATES: Record<string, Partial<Record<MessageChannel, TemplateText>>> = {
  'case.submitted': {
    portal: { subject: '申请已提交', body: '您申请的“{{itemName}}”已提交，办件编号 {{caseNumber}}。{{orgName}}将在一个工作日内作出是否受理的决定。' },
    email: { subject: '【通办】申请已提交 {{caseNumber}}', body: '您好：\n\n您申请的“{{itemName}}”已提交，办件编号 {{caseNumber}}。{{orgName}}将在一个工作日内作出是否受理的决定。\n\n查看进度：{{link}}\n' },
    sms: sms('【通办】您申请的{{itemName}}已提交，办件编号{{caseNumber}}，查看进度：{{link}}'),
  },
};

/** Fills {{placeholders}}; an unknown placeholder is left visible rather than silently dropped. */
export function renderTemplate(text: string, params: Record<string, string>): string {
  return text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? params[name] : whole));
}
