// Seal rows → JSON. The row type carries no private key; this is the only way a seal leaves the server.
import { publicKeyFingerprint, SIGNATURE_ALGORITHM, SM2_USER_ID } from './crypto.js';
import type { SealEventRow, SealRow } from './queries.js';
import { SEAL_STATUS_NAMES } from './rules.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentSeal(seal: SealRow, history?: SealEventRow[]) {
  return {
    id: seal.id,
    orgId: seal.org_id,
    orgName: seal.org_name,
    kind: seal.kind,
    name: seal.name,
    status: seal.status,
    statusName: SEAL_STATUS_NAMES[seal.status],
    statusReason: seal.status_reason,
    statusChangedAt: iso(seal.status_changed_at),
    statusChangedBy: seal.status_changed_by_name,
    createdAt: iso(seal.created_at)!,
    publicKeyFingerprint: publicKeyFingerprint(seal.public_key),
    imageUrl: `/api/seals/${seal.id}/image.svg`,
    ...(history ? { history: history.map((e) => ({ action: e.action, status: e.status, reason: e.reason, by: e.actor_name, at: iso(e.at)! })) } : {}),
  };
}

export function presentPublicKey(seal: SealRow) {
  return {
    sealId: seal.id,
    algorithm: 'SM2' as const,
    curve: 'sm2p256v1' as const,
    signatureAlgorithm: SIGNATURE_ALGORITHM,
    userId: SM2_USER_ID,
    publicKey: seal.public_key,
    fingerprint: publicKeyFingerprint(seal.public_key),
  };
}
