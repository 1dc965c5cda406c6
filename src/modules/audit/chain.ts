// The hash chain of the audit trail (审计日志防篡改链). Each record's hash is the hex SM3 of a
// canonical serialization of its content and the previous record's hash; the first record links to
// GENESIS. The sequence number and row id are deliberately outside the hash: the order is carried by
// prev_hash, so swapping records (their seq or their contents) shows as a broken link, which verify
// tells apart from an edited record (its own hash no longer matches) and a removed one (a gap).
//
// Format version 1. Migration 0007 keeps a frozen copy of it for records written before the chain
// existed: change neither without a new version tag and a migration.
import { sm3 } from 'sm-crypto-v2';

export const GENESIS_HASH = '0'.repeat(64);
const FORMAT = 'tongban-audit-v1';

/** The hashed content of a record, as it reads back from the database. */
export interface ChainContent {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  actorOrgId: string | null;
  orgId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  ip: string | null;
  changes: unknown;
}

/** JSON with object keys sorted at every depth, so jsonb's own key order does not matter. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The value as it will read back from a jsonb column: undefined fields dropped, dates as ISO
 * strings. The writer hashes this, so the verifier, which only sees the stored value, agrees.
 */
export function asStoredJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? {})) as T;
}

/** Timestamps are hashed at millisecond precision, the precision a JavaScript Date carries. */
export function chainInstant(at: Date | string): string {
  return new Date(at).toISOString();
}

export function hashRecord(content: ChainContent, prevHash: string): string {
  return sm3(
    JSON.stringify([
      FORMAT,
      prevHash,
      chainInstant(content.at),
      content.actorId,
      content.actorRole,
      content.actorOrgId,
      content.orgId,
      content.action,
      content.objectType,
      content.objectId,
      content.ip,
      canonicalJson(content.changes ?? {}),
    ]),
  );
}
