// The seal's cryptography with the national algorithms (sm-crypto-v2):
// - SM3 digest of a document's bytes (Node's OpenSSL SM3 when the build has it, which is the same
//   function and much faster on large files; sm-crypto-v2 otherwise);
// - SM2 key pairs (GB/T 32918), one per seal;
// - SM2 signatures over the 32-byte SM3 digest, DER-encoded, with the standard's default signer ID
//   1234567812345678 (GB/T 35276), so any SM2 implementation can check them offline.
// The private key is handled here only as an argument: storing it is the service's job (encrypted).
import { createHash, getHashes } from 'node:crypto';
import { sm2, sm3 } from 'sm-crypto-v2';

export const SIGNATURE_ALGORITHM = 'SM2-with-SM3';
export const SM2_USER_ID = '1234567812345678';

const nativeSm3 = getHashes().includes('sm3');

/** SM3 of the bytes, 64 hex. */
export function sm3Hex(bytes: Uint8Array): string {
  if (nativeSm3) return createHash('sm3').update(bytes).digest('hex');
  return sm3(bytes);
}

/** A fresh SM2 key pair: public key uncompressed (04‖x‖y, 130 hex), private key 64 hex. */
export function generateSealKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { publicKey, privateKey };
}

function digestBytes(digestHex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(digestHex)) throw new Error('digest must be 64 lower-case hex (SM3)');
  return Uint8Array.from(Buffer.from(digestHex, 'hex'));
}

/** Signs the digest; the public key is passed so the library need not derive it. */
export function signDigest(digestHex: string, privateKey: string, publicKey: string): string {
  return sm2.doSignature(digestBytes(digestHex), privateKey, { hash: true, der: true, publicKey, userId: SM2_USER_ID });
}

// Checking a signature multiplies with the public key point; precomputing it makes that several
// times faster. Few seals exist, so their points are kept (bounded).
const precomputed = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();

/** Whether the signature is the seal's over this digest; malformed input is simply false. */
export function verifyDigest(digestHex: string, signatureHex: string, publicKey: string): boolean {
  try {
    let point = precomputed.get(publicKey);
    if (!point) {
      point = sm2.precomputePublicKey(publicKey);
      if (precomputed.size < 1000) precomputed.set(publicKey, point);
    }
    return sm2.doVerifySignature(digestBytes(digestHex), signatureHex, point, { hash: true, der: true, userId: SM2_USER_ID });
  } catch {
    return false;
  }
}

/** A short public name of a key: SM3 of the public key's bytes, 16 hex in groups of four. */
export function publicKeyFingerprint(publicKey: string): string {
  return sm3Hex(Uint8Array.from(Buffer.from(publicKey, 'hex'))).slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');
}
