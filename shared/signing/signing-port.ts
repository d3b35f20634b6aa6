import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { KMSClient, SignCommand, VerifyCommand } from "@aws-sdk/client-kms";
import { signingKeyEnv, type ServiceName } from "../manifest/naming.ts";
import { tracer } from "../observability.ts";

/** A signature over a document's SHA-256, and the key that made it (the "by whom" of GET …/verify). */
export interface Seal {
  /** AWS: the KMS key's ARN. Locally: `local:ed25519:<first 128 bits of the SHA-256 of the public key, hex>`. */
  keyId: string;
  /** `ECDSA_SHA_256` (KMS) or `Ed25519` (local). */
  algorithm: string;
  /** Base64: a DER-encoded ECDSA signature (KMS) or the 64-byte Ed25519 signature (local). */
  signature: string;
}

export interface SealPort {
  /** Sign a SHA-256 digest of the canonical document. */
  sign(digest: Buffer): Promise<Seal>;
  /**
   * Whether `seal` is this key's signature over `digest`. A wrong, tampered or malformed seal, another key's or
   * another algorithm's, is `false`, never an error; only a failure to ask (KMS unreachable, access denied) throws —
   * that says nothing about the document.
   */
  verify(digest: Buffer, seal: Seal): Promise<boolean>;
}

export const KMS_SEAL_ALGORITHM = "ECDSA_SHA_256";
export const LOCAL_SEAL_ALGORITHM = "Ed25519";

/**
 * The signing port of a service's declared key (`signingKeyEnv(service, key)`, set from the manifest by both runtimes),
 * e.g. review's document seal or delivery's result links:
 * - `REVIEW_SEAL_KMS_KEY_ID` (AWS): the ARN of an ECC_NIST_P256 SIGN_VERIFY key → KMS Sign / Verify.
 * - `REVIEW_SEAL_PRIVATE_KEY` / `REVIEW_SEAL_PUBLIC_KEY` (local): an Ed25519 pair, base64 of the PEM (raw PEM is
 *   accepted too) → node:crypto. The public key alone gives a port that verifies but cannot sign.
 * Neither, or both kinds at once, is a deployment error and throws at cold start.
 */
export function signingPortFrom(
  env: Record<string, string | undefined>,
  service: ServiceName,
  key: string,
): SealPort {
  const vars = signingKeyEnv(service, key);
  const kmsKeyId = env[vars.kmsKeyId] || undefined;
  const privateKey = env[vars.privateKey] || undefined;
  const publicKey = env[vars.publicKey] || undefined;
  if (kmsKeyId && (privateKey || publicKey)) {
    throw new Error(
      `Invalid environment: ${vars.kmsKeyId} (AWS) and ${vars.privateKey}/${vars.publicKey} (local) are both set`,
    );
  }
  if (kmsKeyId) return kmsSealPort(kmsKeyId);
  if (privateKey || publicKey) return ed25519SealPort({ privateKey, publicKey, names: vars });
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
 * Seals with an asymmetric KMS key: `Sign` over the digest (`MessageType: DIGEST`, ECDSA_SHA_256), so the private key
 * never leaves KMS and the document never reaches it. Verification is KMS `Verify` too: node:crypto cannot check an
 * ECDSA signature against a precomputed digest (it always hashes its input), so the public key from `GetPublicKey`
 * would need the whole canonical document instead — while `Verify` needs only the digest the seal record keeps,
 * and each check is logged in CloudTrail. (A seal is still standard ECDSA-SHA256 over the canonical document, so a
 * third party can check it offline with the published public key: `openssl dgst -sha256 -verify`.)
 *
 * `keyArn` must be the key's ARN, as the stack sets it: the seal records it as `keyId`, and a seal naming any other
 * key is refused without asking KMS — the record never chooses the key it is checked with.
 */
export function kmsSealPort(keyArn: string, client: Pick<KMSClient, "send"> = kms()): SealPort {
  if (!KEY_ARN.test(keyArn)) throw new Error("Invalid environment: the seal's KMS key id must be a key ARN");
  return {
    async sign(digest) {
      assertDigest(digest);
      const { Signature } = await client.send(
        new SignCommand({
          KeyId: keyArn,
          Message: digest,
          MessageType: "DIGEST",
          SigningAlgorithm: KMS_SEAL_ALGORITHM,
        }),
      );
      if (!Signature) throw new Error("KMS Sign returned no signature");
      return {
        keyId: keyArn,
        algorithm: KMS_SEAL_ALGORITHM,
        signature: Buffer.from(Signature).toString("base64"),
      };
    },
    async verify(digest, seal) {
      if (
        !isDigest(digest) ||
        !isSeal(seal) ||
        seal.keyId !== keyArn ||
        seal.algorithm !== KMS_SEAL_ALGORITHM
      ) {
        return false;
      }
      const signature = strictBase64(seal.signature);
      if (!signature || !isDerEcdsaP256Signature(signature)) return false;
      try {
        const { SignatureValid } = await client.send(
          new VerifyCommand({
            KeyId: keyArn,
            Message: digest,
            MessageType: "DIGEST",
            Signature: signature,
            SigningAlgorithm: KMS_SEAL_ALGORITHM,
          }),
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

/**
 * Seals with an Ed25519 key pair (the local runtime's stand-in for KMS, made by infra/local/signing-keys.ts): the
 * 32-byte digest is the signed message (`sign(null, digest, key)`, pure Ed25519).
 */
export function ed25519SealPort(keys: {
  privateKey?: string;
  publicKey?: string;
  /** Variable names, for error messages (never the values). */
  names?: { privateKey: string; publicKey: string };
}): SealPort {
  const names = keys.names ?? { privateKey: "the private key", publicKey: "the public key" };
  if (!keys.privateKey && !keys.publicKey)
    throw new Error(`Invalid environment: ${names.publicKey} is required`);
  const privateKey = keys.privateKey ? ed25519Key(keys.privateKey, "private", names.privateKey) : undefined;
  const publicKey = keys.publicKey
    ? ed25519Key(keys.publicKey, "public", names.publicKey)
    : createPublicKey(privateKey!);
  const spki = publicKey.export({ type: "spki", format: "der" });
  if (privateKey && !createPublicKey(privateKey).export({ type: "spki", format: "der" }).equals(spki)) {
    throw new Error(`Invalid environment: ${names.privateKey} and ${names.publicKey} are not one key pair`);
  }
  const keyId = `local:ed25519:${createHash("sha256").update(spki).digest("hex").slice(0, 32)}`;
  return {
    async sign(digest) {
      assertDigest(digest);
      if (!privateKey) throw new Error(`This function may only verify seals: ${names.privateKey} is not set`);
      return {
        keyId,
        algorithm: LOCAL_SEAL_ALGORITHM,
        signature: sign(null, digest, privateKey).toString("base64"),
      };
    },
    async verify(digest, seal) {
      if (
        !isDigest(digest) ||
        !isSeal(seal) ||
        seal.keyId !== keyId ||
        seal.algorithm !== LOCAL_SEAL_ALGORITHM
      ) {
        return false;
      }
      const signature = strictBase64(seal.signature);
      if (!signature || signature.length !== 64) return false;
      try {
        return verify(null, digest, publicKey, signature);
      } catch {
        return false;
      }
    },
  };
}

function ed25519Key(value: string, kind: "private" | "public", name: string): KeyObject {
  let key: KeyObject;
  try {
    const pem = value.trimStart().startsWith("-----BEGIN")
      ? value
      : Buffer.from(value, "base64").toString("utf8");
    key = kind === "private" ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new Error(`Invalid environment: ${name} is not a PEM ${kind} key (base64 of the PEM, or the PEM)`);
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new Error(`Invalid environment: ${name} is not an Ed25519 key`);
  return key;
}

const DIGEST_BYTES = 32;

const isDigest = (digest: unknown): digest is Buffer =>
  digest instanceof Uint8Array && digest.length === DIGEST_BYTES;

function assertDigest(digest: unknown): asserts digest is Buffer {
  if (!isDigest(digest)) throw new TypeError(`A seal signs a SHA-256 digest (${DIGEST_BYTES} bytes)`);
}

/** A stored seal is data: it may be anything by the time it is checked. */
const isSeal = (seal: unknown): seal is Seal =>
  typeof seal === "object" &&
  seal !== null &&
  typeof (seal as Seal).keyId === "string" &&
  typeof (seal as Seal).algorithm === "string" &&
  typeof (seal as Seal).signature === "string";

/** Canonical, padded base64 only: `Buffer.from(…, "base64")` would skip any character it does not know. */
function strictBase64(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}

/**
 * A DER `SEQUENCE { INTEGER r, INTEGER s }` as KMS returns for ECDSA on P-256: each integer positive, minimally
 * encoded, at most 33 bytes — so a garbled seal is refused here rather than costing a KMS request.
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
