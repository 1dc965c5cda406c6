// Every state-changing action writes one audit record in the same transaction (Art. 21, 37).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../identity/permissions.js';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  /** Before/after of the fields that changed; callers mask personal data before passing it. */
  changes?: Record<string, unknown>;
  ip?: string | null;
}

export async function recordAudit(trx: Kysely<DB> | Transaction<DB>, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: new Date(),
      actor_id: actor?.userId ?? null,
      actor_role: actor?.roles.join(',') ?? 'system',
      actor_org_id: actor?.orgId ?? null,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      ip: entry.ip ?? null,
      changes: JSON.stringify(entry.changes ?? {}),
    })
    .execute();
}
