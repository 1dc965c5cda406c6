// Audit records as people and files read them: JSON for the API, CSV and JSON for the export.
import { ROLES, isRole } from '../identity/permissions.js';
import { actionNameOf } from './action-names.js';
import { objectLabelOf, objectTypeNameOf } from './object-labels.js';
import type { AuditRow } from './queries.js';
import type { AuditRecordJson } from './schema.js';

function rolesOf(actorRole: string | null): string[] {
  return (actorRole ?? '').split(',').filter(Boolean);
}

export function presentRecord(row: AuditRow): AuditRecordJson {
  const roles = rolesOf(row.actor_role);
  return {
    seq: row.seq === null ? null : Number(row.seq),
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? null, username: row.actor_username ?? null } : null,
    roles,
    roleNames: roles.map((r) => (isRole(r) ? ROLES[r] : r === 'system' ? '系统' : r)),
    actorOrg: row.actor_org_id ? { id: row.actor_org_id, name: row.actor_org_name ?? null } : null,
    action: row.action,
    actionName: actionNameOf(row.action),
    objectType: row.object_type,
    objectTypeName: objectTypeNameOf(row.object_type),
    objectId: row.object_id,
    objectLabel: objectLabelOf(row.object_type, row.object_id, row.object_label),
    org: row.org_id ? { id: row.org_id, name: row.org_name ?? null } : null,
    ip: row.ip,
    changes: (row.changes ?? {}) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A person the 操作人 filter offers (an account of the staff list, src/modules/identity). */
export interface AuditActorOption {
  id: string;
  name: string;
  username: string;
  orgName: string;
  active: boolean;
}

export function presentActorOption(user: { id: string; display_name: string; username: string; org_name: string; active: boolean }): AuditActorOption {
  return { id: user.id, name: user.display_name, username: user.username, orgName: user.org_name, active: user.active };
}

// ——— export (导出) ———

const CSV_COLUMNS: [string, (r: AuditRecordJson) => unknown][] = [
  ['seq 序号', (r) => r.seq],
  ['at 时间', (r) => r.at],
  ['actor_id 操作人', (r) => r.actor?.id],
  ['actor_name 姓名', (r) => r.actor?.name],
  ['roles 角色', (r) => r.roleNames.join('、')],
  ['actor_org 所在机构', (r) => r.actorOrg?.name ?? r.actorOrg?.id],
  ['action 操作', (r) => r.action],
  ['object_type 对象类型', (r) => r.objectType],
  ['object_id 对象', (r) => r.objectId],
  ['org 对象所属机构', (r) => r.org?.name ?? r.org?.id],
  ['ip 来源地址', (r) => r.ip],
  ['changes 变更', (r) => JSON.stringify(r.changes)],
  ['prev_hash 前一条哈希', (r) => r.prevHash],
  ['hash 哈希', (r) => r.hash],
  // Added after the columns above, so a reader that takes the columns by position keeps working.
  ['action_name 操作名称', (r) => r.actionName],
  ['object_type_name 对象类型名称', (r) => r.objectTypeName],
  ['object_label 对象名称', (r) => r.objectLabel],
];

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a
 * leading apostrophe: an exported trail must not execute what someone typed into a record.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The byte-order mark lets Excel read the Chinese as UTF-8. */
export const CSV_HEADER = `\uFEFF${CSV_COLUMNS.map(([name]) => csvCell(name)).join(',')}\r\n`;

export function csvLine(record: AuditRecordJson): string {
  return `${CSV_COLUMNS.map(([, get]) => csvCell(get(record))).join(',')}\r\n`;
}
