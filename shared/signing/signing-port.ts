import { KMSClient, SignCommand, VerifyCommand, type KeySpec, type MessageType } from "@aws-sdk/client-kms";
import { signingKeyEnv, type ServiceName } from "../manifest/naming.ts";
import { tracer } from "../observability.ts";
import { localSealPort } from "./local-seal-ports.ts";
import { assertDigest, isDerEcdsaP256Signature, sealSignature } from "./seal-format.ts";

export { ed25519SealPort, localSealPort } from "./local-seal-ports.ts";
export { isDerEcdsaP256Signature } from "./seal-format.ts";

/**
 * How sealed documents are signed — `SEAL_ALGORITHM` (issue 23), one for every signing key of a deployment:
 * - `ECDSA_SHA_256` (the default): ECDSA on P-256 over the document's SHA-256;
 * - `SM2DSA`: SM2 with SM3 (GB/T 32918), the national algorithm for electronic seals under GB/T 38540, whose KMS keys
 *   exist in the China regions only. Its seals sign the document's SM3 digest (sealed-document.ts).
 */
export const SEAL_ALGORITHMS = ["ECDSA_SHA_256", "SM2DSA"] as const;
export type SealAlgorithm = (typeof SEAL_ALGORITHMS)[number];
export const DEFAULT_SEAL_ALGORITHM: SealAlgorithm = "ECDSA_SHA_256";

/** What a stored seal may name: a configurable algorithm, or Ed25519 — the local stand-in of earlier versions. */
export type SealRecordAlgorithm = SealAlgorithm | "Ed25519";

/** The KMS key spec each algorithm needs (SIGN_VERIFY keys), for the stack that creates the keys. */
export const SEAL_KEY_SPECS = {
  ECDSA_SHA_256: "ECC_NIST_P256",
  SM2DSA: "SM2",
} as const satisfies Record<SealAlgorithm, KeySpec>;

/** SEAL_ALGORITHM, when set; an unknown value is a deployment error, thrown at cold start. */
export function sealAlgorithmFrom(env: Record<string, string | undefined>): SealAlgorithm | undefined {
  const value = env.SEAL_ALGORITHM || undefined;
  if (value === undefined || (SEAL_ALGORITHMS as readonly string[]).includes(value))
    return value as SealAlgorithm | undefined;
  throw new Error(`Invalid environment: SEAL_ALGORITHM must be one of ${SEAL_ALGORITHMS.join(", ")}`);
}

/** A signature over a document's digest, and the key that made it (the "by whom" of GET …/verify). */
export interface Seal {
  /**
   * AWS: the KMS key's ARN. Locally: `local:<ecdsa-p256|sm2|ed25519>:<first 128 bits of the SHA-256 of the public
   * key, hex>`.
   */
  keyId: string;
  /** `ECDSA_SHA_256`, `SM2DSA` (KMS's names, locally too) or `Ed25519` (the local stand-in of earlier versions). */
  algorithm: string;
  /** Base64: a DER `SEQUENCE { r, s }` (ECDSA, SM2) or the 64-byte Ed25519 signature. */
  signature: string;
}

export interface SealPort {
  /** The algorithm it signs with: SM2DSA seals sign the document's SM3 digest, the others its SHA-256. */
  readonly algorithm: SealRecordAlgorithm;
  /** Sign a 32-byte digest of the canonical document (SHA-256, or SM3 for SM2DSA). */
  sign(digest: Buffer): Promise<Seal>;
  /**
   * Whether `seal` is this key's signature over `digest`. A wrong, tampered or malformed seal, another key's or
   * another algorithm's, is `false`, never an error; only a failure to ask (KMS unreachable, access denied) throws —
   * that says nothing about the document.
   */
  verify(digest: Buffer, seal: Seal): Promise<boolean>;
}

/**
 * The signing port of a service's declared key (`signingKeyEnv(service, key)`, set from the manifest by both runtimes),
 * e.g. review's document seal or delivery's result links, signing with SEAL_ALGORITHM:
 * - `REVIEW_SEAL_KMS_KEY_ID` (AWS): the ARN of a SIGN_VERIFY key of the algorithm's spec (`SEAL_KEY_SPECS`) → KMS.
 * - `REVIEW_SEAL_PRIVATE_KEY` / `REVIEW_SEAL_PUBLIC_KEY` (local): a P-256, SM2 or (earlier versions') Ed25519 pair,
 *   base64 of the PEM (raw PEM is accepted too) → in process (local-seal-ports.ts). The public key alone gives a port
 *   that verifies but cannot sign.
 * Neither, or both kinds at once, or a local key of another algorithm than SEAL_ALGORITHM names, is a deployment
 * error and throws at cold start.
 */
export function signingPortFrom(
  env: Record<string, string | undefined>,
  service: ServiceName,
  key: string,
): SealPort {
  const vars = signingKeyEnv(service, key);
  const algorithm = sealAlgorithmFrom(env);
  const kmsKeyId = env[vars.kmsKeyId] || undefined;
  const privateKey = env[vars.privateKey] || undefined;
  const publicKey = env[vars.publicKey] || undefined;
  if (kmsKeyId && (privateKey || publicKey)) {
    throw new Error(
      `Invalid environment: ${vars.kmsKeyId} (AWS) and ${vars.privateKey}/${vars.publicKey} (local) are both set`,
    );
  }
  if (kmsKeyId) return kmsSealPort(kmsKeyId, algorithm ?? DEFAULT_SEAL_ALGORITHM);
  if (privateKey || publicKey) return localSealPort({ privateKey, publicKey, names: vars }, algorithm);
  throw new Error(`Invalid environment: ${vars.kmsKeyId} or ${vars.publicKey} is required`);
}

let kmsClient: KMSClient | undefined;

/** One KMS client per process, traced like the others (shared/aws/clients.ts). */
function kms(): KMSClient {
  kmsClient ??= tracer.captureAWSv3Client(new KMSClient({}));
  return kmsClient;
}

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/**
 * What KMS is given to sign a 32-byte document digest, per algorithm:
 * - ECDSA_SHA_256: the SHA-256 as `DIGEST`, so the seal is standard ECDSA-SHA256 over the canonical document and a
 *   third party checks it offline with the public key: `openssl dgst -sha256 -verify`.
 * - SM2DSA: the SM3 digest as a `RAW` message. With `DIGEST`, KMS would take e = SM3(Z_A ‖ M) precomputed, and Z_A
 *   covers the key's public key — each function would need `GetPublicKey` (a call and a grant more, at cold start)
 *   and its own Z_A code. With `RAW`, KMS computes e = SM3(Z_A ‖ M) itself with GM/T 0009's default distinguishing id
 *   `1234567812345678` (the only one it uses for raw messages), and M, 32 bytes, is far below RAW's 4096-byte limit
 *   whatever the document's size — the document still never reaches KMS. So an SM2 seal signs the document's SM3
 *   digest, as an electronic signature under GB/T 38540 signs data carrying the document's hash rather than the
 *   document; offline: `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678 -pubin -inkey
 *   key.pem -in digest.bin -sigfile seal.der` (KMS's "Offline verification with SM2 key pairs").
 */
const KMS_MESSAGE_TYPE = { ECDSA_SHA_256: "DIGEST", SM2DSA: "RAW" } as const satisfies Record<
  SealAlgorithm,
  MessageType
>;

/**
 * Seals with an asymmetric KMS key of `algorithm`'s spec: `Sign` over the digest, so the private key never leaves KMS
 * and the document never reaches it. Verification is KMS `Verify` too: it needs only the digest the seal record keeps
 * (node:crypto cannot check an ECDSA signature against a precomputed digest, nor SM2 with KMS's distinguishing id),
 * and each check is logged in CloudTrail.
 *
 * `keyArn` must be the key's ARN, as the stack sets it: the seal records it as `keyId`, and a seal naming any other
 * key or algorithm is refused without asking KMS — the record never chooses the key it is checked with.
 */
export function kmsSealPort(
  keyArn: string,
  algorithm: SealAlgorithm,
  client: Pick<KMSClient, "send"> = kms(),
): SealPort {
  if (!KEY_ARN.test(keyArn)) throw new Error("Invalid environment: the seal's KMS key id must be a key ARN");
  const request = { KeyId: keyArn, MessageType: KMS_MESSAGE_TYPE[algorithm], SigningAlgorithm: algorithm };
  return {
    algorithm,
    async sign(digest) {
      assertDigest(digest);
      const { Signature } = await client.send(new SignCommand({ ...request, Message: digest }));
      if (!Signature) throw new Error("KMS Sign returned no signature");
      return { keyId: keyArn, algorithm, signature: Buffer.from(Signature).toString("base64") };
    },
    async verify(digest, seal) {
      const signature = sealSignature(digest, seal, { keyId: keyArn, algorithm });
      if (!signature || !isDerEcdsaP256Signature(signature)) return false;
      try {
        const { SignatureValid } = await client.send(
          new VerifyCommand({ ...request, Message: digest, Signature: signature }),
        );
        return SignatureValid === true;
      } catch (error) {
        // KMS answers an invalid signature with this exception rather than SignatureValid: false.
        if ((error as Error).name === "KMSInvalidSignatureException") return false;
        throw error;
      }
    },
  };
}
