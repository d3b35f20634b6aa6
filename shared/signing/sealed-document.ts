import { canonicalJson, sha256Hex } from "./canonical.ts";
import type { SealPort } from "./signing-port.ts";

/**
 * A document under an electronic seal (art. 29; 行政许可法 art. 39; 电子签名法 art. 13), whichever service issued it:
 * the SHA-256 of the canonical JSON of its content (everything but the seal) is signed with the service's key.
 * Intake's receipts and notices and review's decisions are sealed and checked the same way.
 */
export interface SealRecord {
  sealId: string;
  /** The seal's name as printed (`海淀区政务服务中心行政审批专用章`). */
  sealName: string;
  sha256: string;
  keyId: string;
  algorithm: string;
  signature: string;
  sealedAt: string;
}

export type Sealed<C> = C & { seal: SealRecord };

/** Seal `content` as `seal` at `sealedAt`. */
export async function sealDocument<C extends object>(
  content: C,
  seal: { sealId: string; sealName: string; sealedAt: string },
  port: SealPort,
): Promise<Sealed<C>> {
  const sha256 = sha256Hex(canonicalJson(content));
  const signed = await port.sign(Buffer.from(sha256, "hex"));
  return {
    ...content,
    seal: { sealId: seal.sealId, sealName: seal.sealName, sha256, ...signed, sealedAt: seal.sealedAt },
  };
}

/** Whether a stored document is intact (its content still hashes to the sealed value) and the signature holds. */
export async function verifySealed(document: Sealed<object>, port: SealPort) {
  const { seal, ...content } = document;
  const sha256 = sha256Hex(canonicalJson(content));
  const intact = sha256 === seal.sha256;
  const signatureValid = await port.verify(Buffer.from(seal.sha256, "hex"), {
    keyId: seal.keyId,
    algorithm: seal.algorithm,
    signature: seal.signature,
  });
  return { intact, signatureValid, sha256, seal };
}

/**
 * The public answer of a verification (`GET …/verify`): intact, signed, and — given the SHA-256 of a presented
 * copy — whether the copy is the sealed one.
 */
export async function verification(
  document: Sealed<{ id: string; number: string; title: string; centerId: string; departmentId?: string }>,
  presentedSha256: string | undefined,
  port: SealPort,
) {
  const { intact, signatureValid, sha256, seal } = await verifySealed(document, port);
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
