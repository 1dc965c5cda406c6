// The provider's signing keys (JWKS): generated on the first start and kept in the database so every
// process and every restart signs with the same keys; the private half is stored encrypted (SM4).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { SensitiveColumns } from '../../lib/sm-crypto.js';

const PRIVATE_CONTEXT = 'oidc_signing_keys.private_jwk';

export type PrivateJwk = Record<string, unknown> & { kid: string; kty: string };

function generateRs256(): { kid: string; publicJwk: Record<string, unknown>; privateJwk: PrivateJwk } {
  const kid = randomUUID();
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const base = { kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...base },
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...base } as PrivateJwk,
  };
}

/** The active private signing keys, creating one (RS256, the algorithm every client supports) if none. */
export async function loadSigningKeys(db: Database, crypto: SensitiveColumns): Promise<PrivateJwk[]> {
  let rows = await db.selectFrom('oidc_signing_keys').selectAll().where('active', '=', true).orderBy('created_at', 'desc').execute();
  if (rows.length === 0) {
    const key = generateRs256();
    // Two processes starting together may both generate one: both keys are then published and
    // either verifies, so no lock is needed.
    await db
      .insertInto('oidc_signing_keys')
      .values({ kid: key.kid, alg: 'RS256', public_jwk: JSON.stringify(key.publicJwk), private_jwk_enc: crypto.encrypt(JSON.stringify(key.privateJwk), PRIVATE_CONTEXT) })
      .execute();
    rows = await db.selectFrom('oidc_signing_keys').selectAll().where('active', '=', true).orderBy('created_at', 'desc').execute();
  }
  return rows.map((row) => JSON.parse(crypto.decrypt(row.private_jwk_enc, PRIVATE_CONTEXT)) as PrivateJwk);
}
