// What an audited object is called (对象名称): the name of its type, and a label people recognise
// (a case number, an account's name, a guide, a licence number …) instead of a bare id. Labels of
// rows in the database come from the search query (queries.ts, objectLabel); the rest are named here.
import { maskName } from '../../lib/mask.js';
import { CHANNEL_NAMES, TEMPLATE_NAMES } from '../outbox/templates.js';

export const OBJECT_TYPE_NAMES: Readonly<Record<string, string>> = {
  case: '办件',
  'case-file': '办件材料',
  consultation: '咨询',
  applicant: '申请人',
  'login-code': '登录验证码',
  user: '工作人员账号',
  catalog_item: '事项',
  implementation: '实施清单',
  guide_version: '办事指南',
  catalog: '事项目录导入',
  attachment: '指南附件',
  search_synonyms: '搜索同义词',
  licence: '电子证照',
  seal: '电子印章',
  machine_client: '部门业务系统',
  message_template: '消息模板',
  holiday_year: '工作日历',
  system: '系统',
  audit_log: '审计日志',
};

const own = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(table, key);

export function objectTypeNameOf(objectType: string): string | null {
  return own(OBJECT_TYPE_NAMES, objectType) ? OBJECT_TYPE_NAMES[objectType] : null;
}

/** A message template's id is "key/channel" (src/modules/outbox/service.ts). */
function templateLabel(objectId: string): string | null {
  const slash = objectId.lastIndexOf('/');
  const key = objectId.slice(0, slash);
  const channel = objectId.slice(slash + 1);
  if (slash < 0 || !own(TEMPLATE_NAMES, key)) return null;
  return `${TEMPLATE_NAMES[key]}（${own(CHANNEL_NAMES, channel) ? CHANNEL_NAMES[channel] : channel}）`;
}

/** Objects that are no row of their own: their id already says what they are. */
function fixedLabel(objectType: string, objectId: string): string | null {
  switch (objectType) {
    case 'holiday_year':
      return /^\d{4}$/.test(objectId) ? `${objectId} 年节假日安排` : null;
    case 'message_template':
      return templateLabel(objectId);
    case 'search_synonyms':
      return '事项搜索同义词表';
    case 'catalog':
      return objectId === 'cli' ? '命令行导入' : null;
    case 'system':
      return objectId === 'demo-data' ? '演示数据' : null;
    case 'audit_log':
      return objectId === 'export' ? '导出的副本' : null;
    default:
      return null;
  }
}

/**
 * The label shown for the object. `looked` is what the search query found for it. An applicant is
 * known by their name, which is personal data: it leaves masked (张*明), as the changes do.
 */
export function objectLabelOf(objectType: string, objectId: string, looked: string | null | undefined): string | null {
  if (objectType === 'applicant') return looked ? maskName(looked) : null;
  return looked || fixedLabel(objectType, objectId);
}
