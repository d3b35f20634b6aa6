import type { Seal } from "./signing-port.ts";

/** What every seal port checks before any cryptography: a stored seal is data, and may be anything by then. */

const DIGEST_BYTES = 32;

export const isDigest = (digest: unknown): digest is Buffer =>
  digest instanceof Uint8Array && digest.length === DIGEST_BYTES;

export function assertDigest(digest: unknown): asserts digest is Buffer {
  if (!isDigest(digest))
    throw new TypeError(`A seal signs a document's digest (${DIGEST_BYTES} bytes: SHA-256 or SM3)`);
}

export const isSeal = (seal: unknown): seal is Seal =>
  typeof seal === "object" &&
  seal !== null &&
  typeof (seal as Seal).keyId === "string" &&
  typeof (seal as Seal).algorithm === "string" &&
  typeof (seal as Seal).signature === "string";

/** Canonical, padded base64 only: `Buffer.from(…, "base64")` would skip any character it does not know. */
export function strictBase64(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}

/**
 * A DER `SEQUENCE { INTEGER r, INTEGER s }` as KMS returns for ECDSA on P-256 — and for SM2, whose signature has the
 * same form (GM/T 0009 `SM2Signature`) on a curve of the same size: each integer positive, minimally encoded, at most
 * 33 bytes — so a garbled seal is refused here rather than costing a KMS request.
 */
export function isDerEcdsaP256Signature(der: Uint8Array): boolean {
  if (der.length < 8 || der.length > 72 || der[0] !== 0x30 || der[1] !== der.length - 2) return false;
  let at = 2;
  for (let i = 0; i < 2; i++) {
    if (der[at] !== 0x02) return false;
    const length = der[at + 1]!;
    const first = der[at + 2];
    if (length < 1 || length > 33 || at + 2 + length > der.length || first === undefined) return false;
    if (first & 0x80) return false;
    if (first === 0 && (length === 1 || !(der[at + 3]! & 0x80))) return false;
    at += 2 + length;
  }
  return at === der.length;
}

/** The signature bytes of a seal that names `keyId` and `algorithm`, or undefined for anything else. */
export function sealSignature(
  digest: unknown,
  seal: unknown,
  expected: { keyId: string; algorithm: string },
): Buffer | undefined {
  if (!isDigest(digest) || !isSeal(seal)) return undefined;
  if (seal.keyId !== expected.keyId || seal.algorithm !== expected.algorithm) return undefined;
  return strictBase64(seal.signature);
}
