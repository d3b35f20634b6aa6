import { canonicalJson, sha256Hex } from "./canonical.ts";
import type { SealPort } from "./signing-port.ts";
import { sm3Hex } from "./sm2.ts";

/**
 * A document under an electronic seal (art. 29; 行政许可法 art. 39; 电子签名法 art. 13), whichever service issued it:
 * a digest of the canonical JSON of its content (everything but the seal) is signed with the service's key — its
 * SHA-256, or with SM2 its SM3 (GB/T 32918 pairs SM2 with SM3; issue 23). Every seal keeps the SHA-256 too: the
 * fingerprint a holder compares a copy with (`?sha256=`) and the printed page shows, whatever the algorithm.
 * Intake's receipts and notices and review's decisions are sealed and checked the same way.
 */
export interface SealRecord {
  sealId: string;
  /** The seal's name as printed (`海淀区政务服务中心行政审批专用章`). */
  sealName: string;
  sha256: string;
  /** SM2DSA seals: the SM3 of the canonical content (hex) — the digest the signature covers. */
  sm3?: string;
  keyId: string;
  algorithm: string;
  signature: string;
  sealedAt: string;
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;

/** Whether a seal of `algorithm` signs the SM3 of the content (SM2DSA) rather than its SHA-256. */
const signsSm3 = (algorithm: string) => algorithm === "SM2DSA";

export type Sealed<C> = C & { seal: SealRecord };

/** Seal `content` as `seal` at `sealedAt`. */
export async function sealDocument<C extends object>(
  content: C,
  seal: { sealId: string; sealName: string; sealedAt: string },
  port: SealPort,
): Promise<Sealed<C>> {
  const canonical = canonicalJson(content);
  const sha256 = sha256Hex(canonical);
  const sm3 = signsSm3(port.algorithm) ? sm3Hex(canonical) : undefined;
  const signed = await port.sign(Buffer.from(sm3 ?? sha256, "hex"));
  return {
    ...content,
    seal: {
      sealId: seal.sealId,
      sealName: seal.sealName,
      sha256,
      ...(sm3 ? { sm3 } : {}),
      ...signed,
      sealedAt: seal.sealedAt,
    },
  };
}

/**
 * Whether a stored document is intact (its content still hashes to the sealed values) and the signature holds over
 * the digest the record keeps — SM3 for an SM2DSA seal, SHA-256 for the others, whichever algorithm the port signs
 * with now: a seal keeps the algorithm it was made with.
 */
export async function verifySealed(document: Sealed<object>, port: SealPort) {
  const { seal, ...content } = document;
  const canonical = canonicalJson(content);
  const sha256 = sha256Hex(canonical);
  const sm3 = signsSm3(seal.algorithm) ? sm3Hex(canonical) : undefined;
  const intact = sha256 === seal.sha256 && (sm3 === undefined || sm3 === seal.sm3);
  const signed = sm3 === undefined ? seal.sha256 : seal.sm3;
  const signatureValid =
    typeof signed === "string" &&
    HEX_DIGEST.test(signed) &&
    (await port.verify(Buffer.from(signed, "hex"), {
      keyId: seal.keyId,
      algorithm: seal.algorithm,
      signature: seal.signature,
    }));
  return { intact, signatureValid, sha256, sm3, seal };
}

/**
 * The public answer of a verification (`GET …/verify`): intact, signed, with which algorithm (issue 23) and by which
 * key, and — given the SHA-256 of a presented copy — whether the copy is the sealed one.
 */
export async function verification(
  document: Sealed<{ id: string; number: string; title: string; centerId: string; departmentId?: string }>,
  presentedSha256: string | undefined,
  port: SealPort,
) {
  const { intact, signatureValid, sha256, sm3, seal } = await verifySealed(document, port);
  const matches = presentedSha256 === undefined ? undefined : presentedSha256.toLowerCase() === seal.sha256;
  return {
    documentId: document.id,
    number: document.number,
    title: document.title,
    intact,
    signatureValid,
    valid: intact && signatureValid && matches !== false,
    ...(matches === undefined ? {} : { presentedCopyMatches: matches }),
    sha256,
    ...(sm3 === undefined ? {} : { sm3 }),
    sealedBy: {
      sealId: seal.sealId,
      name: seal.sealName,
      centerId: document.centerId,
      ...(document.departmentId ? { departmentId: document.departmentId } : {}),
    },
    sealedAt: seal.sealedAt,
    algorithm: seal.algorithm,
    keyId: seal.keyId,
  };
}
