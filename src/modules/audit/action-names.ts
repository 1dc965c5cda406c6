// Chinese names of the actions the platform writes to the audit trail (审计日志操作名称). One table for
// the API, the export and the auditors' 操作 filter. A code written without a name here fails
// action-names.test.ts, which reads every recordAudit call in src/.
import { CASE_ACTIONS } from '../cases/rules.js';

/** Case actions (办件) share their names with the case history, so the two never read differently. */
const CASE_ACTION_NAMES = Object.fromEntries(Object.entries(CASE_ACTIONS).map(([action, rule]) => [`case.${action}`, rule.name]));

export const ACTION_NAMES: Readonly<Record<string, string>> = {
  // 事项目录与办事指南
  'catalog.item.create': '新增事项',
  'catalog.item.update': '修改事项',
  'catalog.implementation.create': '新增实施清单',
  'catalog.guide.draft': '起草办事指南',
  'catalog.guide.edit': '编辑办事指南',
  'catalog.guide.submit': '提交办事指南审核',
  'catalog.guide.publish': '发布办事指南',
  'catalog.guide.return': '退回办事指南',
  'catalog.import': '导入事项目录',
  'search.synonyms.replace': '修改搜索同义词',
  'attachment.upload': '上传指南附件',
  // 办件
  ...CASE_ACTION_NAMES,
  'case.archive': '生成办件档案包',
  'case-file.upload': '上传办件材料',
  'consultation.create': '登记咨询',
  'consultation.answer': '答复咨询',
  'consultation.link-case': '咨询关联办件',
  // 申请人
  'applicant.login-code.send': '发送申请人登录验证码',
  'applicant.create': '申请人注册',
  'applicant.sign-in': '申请人登录',
  'applicant.sign-out': '申请人退出登录',
  'applicant.sso.sign-in': '申请人统一身份认证登录',
  'applicant.real-name.link': '申请人实名认证',
  // 工作人员账号与登录
  'setup.first-admin': '创建首个系统管理员',
  'user.create': '新增工作人员账号',
  'user.update': '修改工作人员账号',
  'user.deactivate': '停用工作人员账号',
  'user.reset-password': '重置工作人员密码',
  'identity.sso.sign-in': '工作人员统一身份认证登录',
  'identity.upstream.link': '关联上级身份认证账号',
  'identity.password.change': '修改本人密码',
  'identity.password.replace-one-time': '更换一次性初始密码',
  'identity.account.locked': '连续登录失败，账号锁定',
  'identity.totp.setup': '开始绑定动态口令',
  'identity.totp.enable': '开启双因素认证',
  'identity.totp.disable': '关闭双因素认证',
  // 部门业务系统接入、电子证照、电子印章
  'machine-client.create': '新增接入系统',
  'machine-client.disable': '停用接入系统',
  'machine-client.rotate-secret': '更换接入系统密钥',
  'licence-share.grant': '授权共享电子证照类型',
  'licence.issue': '签发电子证照',
  'licence.reissue': '换发电子证照',
  'licence.cancel': '注销电子证照',
  'licence.revoke': '吊销电子证照',
  'licence.expire': '电子证照到期失效',
  'seal.create': '新增电子印章',
  'seal.suspend': '暂停电子印章',
  'seal.resume': '恢复电子印章',
  'seal.revoke': '吊销电子印章',
  // 系统
  'message-template.version': '发布消息模板新版本',
  'calendar.year.add': '录入年度工作日历',
  'calendar.year.correct': '更正年度工作日历',
  'seed.demo': '载入演示数据',
  'audit.export': '导出审计日志',
};

/** The families of actions (the code up to its first dot), as the 操作 filter groups them. */
export const ACTION_GROUP_NAMES: Readonly<Record<string, string>> = {
  catalog: '事项目录与办事指南',
  search: '事项搜索',
  attachment: '指南附件',
  case: '办件',
  'case-file': '办件材料',
  consultation: '咨询',
  applicant: '申请人',
  setup: '系统初始化',
  user: '工作人员账号',
  identity: '登录与认证',
  'machine-client': '部门业务系统接入',
  'licence-share': '电子证照共享',
  licence: '电子证照',
  seal: '电子印章',
  'message-template': '消息模板',
  calendar: '工作日历',
  seed: '演示数据',
  audit: '审计日志',
};

export const actionGroupOf = (action: string): string => action.split('.')[0];

/** The Chinese name of an action; null for a code this table does not know (a record older than it). */
export function actionNameOf(action: string): string | null {
  return Object.prototype.hasOwnProperty.call(ACTION_NAMES, action) ? ACTION_NAMES[action] : null;
}

export interface ActionOption {
  action: string;
  name: string;
  group: string;
  groupName: string;
}

/** Every named action, grouped in the order of ACTION_GROUP_NAMES, for the 操作 filter. */
export function actionOptions(): ActionOption[] {
  const groups = Object.keys(ACTION_GROUP_NAMES);
  return Object.entries(ACTION_NAMES)
    .map(([action, name]) => ({ action, name, group: actionGroupOf(action), groupName: ACTION_GROUP_NAMES[actionGroupOf(action)] ?? actionGroupOf(action) }))
    .sort((a, b) => groups.indexOf(a.group) - groups.indexOf(b.group));
}
