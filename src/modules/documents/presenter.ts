// Verification results → the public JSON (the page renders the same view in views.ts).
import { publicKeyFingerprint, SIGNATURE_ALGORITHM, SM2_USER_ID } from '../seals/crypto.js';
import { SEAL_STATUS_NAMES } from '../seals/rules.js';
import { documentKindName, downloadPathOf, VERDICT_NAMES } from './rules.js';
import type { Verification } from './service.js';

const TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** 'YYYY-MM-DD HH:mm:ss' Beijing time (北京时间). */
export const beijingTime = (at: Date) => TIME.format(at);

export function presentVerification(v: Verification, publicUrl: string) {
  return {
    verdict: v.verdict,
    verdictName: VERDICT_NAMES[v.verdict],
    reason: v.reason,
    document: v.document && {
      id: v.document.id,
      kind: v.document.kind,
      kindName: documentKindName(v.document.kind, v.document.title),
      title: v.document.title,
      number: v.document.number,
      issuedOn: v.document.issuedOn,
      organization: { name: v.document.orgName, creditCode: v.document.orgCreditCode },
      verifyUrl: v.document.verifyUrl,
      downloadUrl: `${publicUrl}${downloadPathOf(v.document.id)}`,
    },
    seal: v.seal && {
      id: v.seal.id,
      name: v.seal.name,
      kind: v.seal.kind,
      validAtSigning: v.seal.validAtSigning,
      statusAtSigning: v.seal.statusAtSigning,
      statusNow: v.seal.statusNow,
      statusNowName: SEAL_STATUS_NAMES[v.seal.statusNow],
      statusChangedAt: v.seal.statusChangedAt?.toISOString() ?? null,
      publicKey: v.seal.publicKey,
      fingerprint: publicKeyFingerprint(v.seal.publicKey),
    },
    signature: v.signature && {
      algorithm: SIGNATURE_ALGORITHM,
      userId: SM2_USER_ID,
      value: v.signature.value,
      signedAt: v.signature.signedAt.toISOString(),
      valid: v.signature.valid,
    },
    digest: { algorithm: 'SM3' as const, issued: v.digest.issued, received: v.digest.received },
  };
}
