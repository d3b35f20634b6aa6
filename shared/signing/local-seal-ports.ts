import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { assertDigest, isDerEcdsaP256Signature, sealSignature } from "./seal-format.ts";
import type { Seal, SealPort, SealRecordAlgorithm } from "./signing-port.ts";
import { sm2Sign, sm2Verify } from "./sm2.ts";

/**
 * The local runtime's stand-ins for KMS (infra/local/signing-keys.ts makes the pairs): a key pair passed as base64 of
 * the PEM (raw PEM is accepted too), whose type says how it signs — the same algorithm and the same bytes signed as
 * KMS for ECDSA P-256 and SM2, and Ed25519 as earlier versions made (a persisted key of theirs still verifies its
 * seals). The public key alone gives a port that verifies but cannot sign.
 */
export interface LocalKeys {
  privateKey?: string;
  publicKey?: string;
  /** Variable names, for error messages (never the values). */
  names?: { privateKey: string; publicKey: string };
}

/** One algorithm in process: how it signs and checks a 32-byte digest with a decoded key pair. */
interface LocalScheme {
  algorithm: SealRecordAlgorithm;
  /** In the key id: `local:<tag>:…`. */
  tag: string;
  wellFormed(signature: Buffer): boolean;
  /** Returns a function that signs with `privateKey` (decoded once, at the first signature). */
  signer(privateKey: KeyObject, pair: DecodedPair): (digest: Buffer) => Promise<Buffer>;
  verify(digest: Buffer, signature: Buffer, pair: DecodedPair): Promise<boolean>;
}

interface DecodedPair {
  publicKey: KeyObject;
  /** The SubjectPublicKeyInfo, DER. */
  spki: Buffer;
}

/** A check that throws on what it cannot even read (a point off the curve, say) has found the seal invalid. */
async function falseOnError(check: () => boolean): Promise<boolean> {
  try {
    return check();
  } catch {
    return false;
  }
}

/** An uncompressed point (`04 ‖ x ‖ y`) ends every P-256 and SM2 SubjectPublicKeyInfo node:crypto writes. */
const point = (spki: Buffer) => spki.subarray(spki.length - 65);

/** Pure Ed25519 over the digest (`sign(null, digest, key)`), as earlier versions sealed locally. */
const ed25519: LocalScheme = {
  algorithm: "Ed25519",
  tag: "ed25519",
  wellFormed: (signature) => signature.length === 64,
  signer: (privateKey) => async (digest) => sign(null, digest, privateKey),
  verify: (digest, signature, { publicKey }) =>
    falseOnError(() => verify(null, digest, publicKey, signature)),
};

/**
 * ECDSA on P-256 over the SHA-256 digest itself, as KMS signs with `MessageType: DIGEST`: the signature is standard
 * ECDSA-SHA256 over the canonical document (`openssl dgst -sha256 -verify`). node:crypto cannot sign a precomputed
 * digest (it always hashes its input), hence @noble/curves, loaded at the first use.
 */
const ecdsaP256: LocalScheme = {
  algorithm: "ECDSA_SHA_256",
  tag: "ecdsa-p256",
  wellFormed: isDerEcdsaP256Signature,
  signer(privateKey) {
    let d: Buffer | undefined;
    return async (digest) => {
      d ??= Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url");
      const { p256 } = await import("@noble/curves/p256");
      return Buffer.from(p256.sign(digest, d, { prehash: false, lowS: false }).toDERRawBytes());
    };
  },
  async verify(digest, signature, { spki }) {
    const { p256 } = await import("@noble/curves/p256");
    return falseOnError(() =>
      p256.verify(signature, digest, point(spki), { prehash: false, lowS: false, format: "der" }),
    );
  },
};

/**
 * SM2 with SM3 and the default distinguishing id over the 32-byte SM3 digest as the message — what KMS signs for
 * `SM2DSA` with `MessageType: RAW` (signing-port.ts says why RAW); sm2.ts says why not node:crypto.
 */
const sm2: LocalScheme = {
  algorithm: "SM2DSA",
  tag: "sm2",
  wellFormed: isDerEcdsaP256Signature,
  signer(privateKey, { spki }) {
    let d: string | undefined;
    return async (digest) => {
      d ??= sm2PrivateScalar(privateKey);
      return sm2Sign(digest, d, point(spki).toString("hex"));
    };
  },
  verify: (digest, signature, { spki }) => sm2Verify(digest, signature, point(spki).toString("hex")),
};

/** The SubjectPublicKeyInfo of an SM2 key (id-ecPublicKey on sm2p256v1, 1.2.156.10197.1.301) up to its point. */
const SM2_SPKI_PREFIX = Buffer.from("3059301306072a8648ce3d020106082a811ccf5501822d03420004", "hex");
const P256_SPKI_PREFIX = Buffer.from("3059301306072a8648ce3d020106082a8648ce3d03010703420004", "hex");

/** The scheme a public key belongs to; undefined for any other kind of key. */
function schemeOf(publicKey: KeyObject, spki: Buffer): LocalScheme | undefined {
  if (publicKey.asymmetricKeyType === "ed25519") return ed25519;
  const prefixed = (prefix: Buffer) =>
    spki.length === prefix.length + 64 && spki.subarray(0, prefix.length).equals(prefix);
  if (prefixed(P256_SPKI_PREFIX)) return ecdsaP256;
  // OpenSSL 3 reads an EC key on the SM2 curve as an SM2 key, of a type node:crypto does not name: told by its bytes.
  if (prefixed(SM2_SPKI_PREFIX)) return sm2;
  return undefined;
}

/**
 * The port of a local key pair; `algorithm`, when the environment names one (SEAL_ALGORITHM), must be the key's —
 * a P-256 key under `SM2DSA` is a deployment error, thrown at cold start.
 */
export function localSealPort(keys: LocalKeys, algorithm?: SealRecordAlgorithm): SealPort {
  const names = keys.names ?? { privateKey: "the private key", publicKey: "the public key" };
  if (!keys.privateKey && !keys.publicKey)
    throw new Error(`Invalid environment: ${names.publicKey} is required`);
  const privateKey = keys.privateKey ? decodeKey(keys.privateKey, "private", names.privateKey) : undefined;
  const publicKey = keys.publicKey
    ? decodeKey(keys.publicKey, "public", names.publicKey)
    : createPublicKey(privateKey!);
  const spki = publicKey.export({ type: "spki", format: "der" });
  const name = keys.publicKey ? names.publicKey : names.privateKey;
  const scheme = schemeOf(publicKey, spki);
  if (!scheme) throw new Error(`Invalid environment: ${name} is not an Ed25519, P-256 or SM2 key`);
  if (privateKey && !createPublicKey(privateKey).export({ type: "spki", format: "der" }).equals(spki)) {
    throw new Error(`Invalid environment: ${names.privateKey} and ${names.publicKey} are not one key pair`);
  }
  if (algorithm && algorithm !== scheme.algorithm) {
    throw new Error(
      `Invalid environment: ${name} is an ${scheme.algorithm} key where ${algorithm} is configured (SEAL_ALGORITHM)`,
    );
  }
  const pair = { publicKey, spki };
  const keyId = `local:${scheme.tag}:${createHash("sha256").update(spki).digest("hex").slice(0, 32)}`;
  const signer = privateKey && scheme.signer(privateKey, pair);
  return {
    algorithm: scheme.algorithm,
    async sign(digest): Promise<Seal> {
      assertDigest(digest);
      if (!signer) throw new Error(`This function may only verify seals: ${names.privateKey} is not set`);
      return { keyId, algorithm: scheme.algorithm, signature: (await signer(digest)).toString("base64") };
    },
    async verify(digest, seal) {
      const signature = sealSignature(digest, seal, { keyId, algorithm: scheme.algorithm });
      if (!signature || !scheme.wellFormed(signature)) return false;
      return scheme.verify(digest, signature, pair);
    },
  };
}

/** The Ed25519 port of earlier versions, by name (its callers and tests predate the other local algorithms). */
export function ed25519SealPort(keys: LocalKeys): SealPort {
  return localSealPort(keys, "Ed25519");
}

function decodeKey(value: string, kind: "private" | "public", name: string): KeyObject {
  try {
    const pem = value.trimStart().startsWith("-----BEGIN")
      ? value
      : Buffer.from(value, "base64").toString("utf8");
    return kind === "private" ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new Error(`Invalid environment: ${name} is not a PEM ${kind} key (base64 of the PEM, or the PEM)`);
  }
}

/**
 * The private scalar d of an SM2 key, hex: node:crypto exports SM2 keys as PKCS#8 (not as JWK, and as `sec1` it
 * aborts), so it is read from there — PrivateKeyInfo › privateKey OCTET STRING › ECPrivateKey › privateKey (RFC 5915).
 */
function sm2PrivateScalar(key: KeyObject): string {
  const pkcs8 = key.export({ type: "pkcs8", format: "der" });
  const ecPrivateKey = children(children(children(pkcs8)[0]!)[2]!)[0]!;
  return Buffer.from(children(ecPrivateKey)[1]!).toString("hex").padStart(64, "0");
}

/** The values of the DER elements inside `der` (already checked by OpenSSL when the key was read). */
function children(der: Uint8Array): Uint8Array[] {
  const values: Uint8Array[] = [];
  for (let at = 0; at < der.length;) {
    let length = der[at + 1]!;
    at += 2;
    if (length & 0x80) {
      const bytes = length & 0x7f;
      length = 0;
      for (let i = 0; i < bytes; i++) length = length * 256 + der[at++]!;
    }
    values.push(der.subarray(at, at + length));
    at += length;
  }
  return values;
}
