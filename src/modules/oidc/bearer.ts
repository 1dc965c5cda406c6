// Bearer access tokens of department systems (client_credentials) → the machine client's Actor.
// Tokens are opaque: the provider stored each under the SHA-256 of its value (adapter.ts), so the
// lookup needs no call into the provider and a copy of the table yields no usable token.
import type { Database } from '../../db/database.js';
import type { Actor } from '../identity/permissions.js';
import { payloadKey } from './adapter.js';
import { machineActor } from './clients.js';

/** The actor of a valid, unexpired, unrevoked client-credentials token; null otherwise. */
export async function actorForAccessToken(db: Database, token: string): Promise<Actor | null> {
  if (token.length < 16 || token.length > 512) return null;
  const row = await db
    .selectFrom('oidc_payloads')
    .select(['payload', 'expires_at', 'consumed_at'])
    .where('id', '=', payloadKey(token))
    .where('type', '=', 'ClientCredentials')
    .executeTakeFirst();
  if (!row || row.consumed_at) return null;
  if (!row.expires_at || new Date(row.expires_at).getTime() <= Date.now()) return null;
  const payload = row.payload as { clientId?: string; scope?: string };
  if (!payload.clientId) return null;
  return machineActor(db, payload.clientId, (payload.scope ?? '').split(' ').filter(Boolean));
}
