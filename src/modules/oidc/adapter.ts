// oidc-provider's storage in PostgreSQL (PGlite or a server): one table, oidc_payloads, for every
// model (sessions, grants, codes, tokens, interactions …). Clients come from machine_clients.
//
// Row ids are the SHA-256 of the artefact id, and the id is left out of the stored payload where no
// secondary lookup needs it, so a copy of the table (a backup, a read-only replica) holds no code or
// access token anyone could present. Sessions keep theirs: findByUid must return it.
import { createHash } from 'node:crypto';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../../db/database.js';
import type { SensitiveColumns } from '../../lib/sm-crypto.js';
import { machineClientMetadata } from './clients.js';

const KEEPS_ID = new Set(['Session', 'DeviceCode', 'BackchannelAuthenticationRequest']);
const PURGE_EVERY = 200;

export const payloadKey = (id: string) => createHash('sha256').update(id).digest('base64url');

const epoch = (date: Date | string) => Math.floor(new Date(date).getTime() / 1000);

class PayloadAdapter implements Adapter {
  private static writes = 0;

  constructor(
    private readonly db: Database,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const stored: Record<string, unknown> = { ...payload };
    if (!KEEPS_ID.has(this.model)) delete stored.jti;
    const row = {
      payload: JSON.stringify(stored),
      grant_id: payload.grantId ?? null,
      user_code: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      consumed_at: null,
    };
    await this.db
      .insertInto('oidc_payloads')
      .values({ id: payloadKey(id), type: this.model, ...row })
      .onConflict((oc) => oc.columns(['id', 'type']).doUpdateSet(row))
      .execute();
    if (++PayloadAdapter.writes % PURGE_EVERY === 0) await purgeExpiredPayloads(this.db);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('id', payloadKey(id), id);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('uid', uid);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('user_code', userCode);
  }

  async consume(id: string): Promise<void> {
    await this.db
      .updateTable('oidc_payloads')
      .set({ consumed_at: new Date() })
      .where('id', '=', payloadKey(id))
      .where('type', '=', this.model)
      .execute();
  }

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom('oidc_payloads').where('id', '=', payloadKey(id)).where('type', '=', this.model).execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.deleteFrom('oidc_payloads').where('grant_id', '=', grantId).execute();
  }

  private async findWhere(column: 'id' | 'uid' | 'user_code', value: string, knownId?: string): Promise<AdapterPayload | undefined> {
    const row = await this.db
      .selectFrom('oidc_payloads')
      .select(['payload', 'expires_at', 'consumed_at'])
      .where(column, '=', value)
      .where('type', '=', this.model)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now()) return undefined;
    const payload = { ...(row.payload as AdapterPayload) };
    if (knownId && !payload.jti) payload.jti = knownId;
    if (row.consumed_at) payload.consumed = epoch(row.consumed_at);
    return payload;
  }
}

/** Clients registered in the database (department systems' machine clients), read on each use. */
class MachineClientAdapter implements Adapter {
  constructor(
    private readonly db: Database,
    private readonly crypto: SensitiveColumns,
  ) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    return (await machineClientMetadata(this.db, this.crypto, id)) as AdapterPayload | undefined;
  }

  async upsert(): Promise<void> {
    throw new Error('clients are registered through src/modules/oidc/clients.ts, not by the provider');
  }

  async findByUid(): Promise<undefined> {
    return undefined;
  }

  async findByUserCode(): Promise<undefined> {
    return undefined;
  }

  async consume(): Promise<void> {}

  async destroy(): Promise<void> {}

  async revokeByGrantId(): Promise<void> {}
}

/** The adapter factory oidc-provider calls once per model name. */
export function pgAdapterFactory(db: Database, crypto: SensitiveColumns): (model: string) => Adapter {
  return (model) => (model === 'Client' ? new MachineClientAdapter(db, crypto) : new PayloadAdapter(db, model));
}

/** Deletes artefacts that expired more than an hour ago (kept briefly for clock-skew tolerance). */
export async function purgeExpiredPayloads(db: Database): Promise<number> {
  const result = await db
    .deleteFrom('oidc_payloads')
    .where('expires_at', '<', new Date(Date.now() - 60 * 60 * 1000))
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}
