import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { signingKeyEnv, type ServiceName } from "#shared/manifest/naming.ts";
import {
  DEFAULT_SEAL_ALGORITHM,
  localSealPort,
  sealAlgorithmFrom,
  type SealAlgorithm,
} from "#shared/signing/signing-port.ts";
import type { Model } from "../manifest.ts";

export interface LocalSigningKeys {
  /** The variables of one declared key, for `Resolved.signingKey`: its key pair as base64 of the PEM. */
  env(service: ServiceName, name: string): Record<string, string>;
}

/**
 * What stands in for KMS locally: one key pair per signing key the manifest declares, made at start like the JWT key
 * (auth.ts), of the algorithm SEAL_ALGORITHM names (issue 23) — the runtime's own environment, which its functions
 * share: a P-256 pair by default, as KMS's ECC_NIST_P256, an SM2 pair with `SEAL_ALGORITHM=SM2DSA npm start`.
 *
 * With persisted data (`npm start -- --persist DIR`) the private key is kept beside it, in
 * `DIR/signing-keys/<id>.pem`, because a seal stored by an earlier run must still verify after a restart; in memory
 * a fresh pair per start is right, since its seals vanish with the data. A kept key keeps its algorithm — also the
 * Ed25519 of earlier versions — unless SEAL_ALGORITHM names another, which is refused: the seals stored under it would
 * no longer verify.
 */
export function createLocalSigningKeys(
  m: Model,
  dataDir?: string,
  algorithm: SealAlgorithm | undefined = sealAlgorithmFrom(process.env),
): LocalSigningKeys {
  const pairs = new Map(
    m.signingKeys.map((k) => {
      const privateKey = dataDir
        ? persistedKey(join(dataDir, "signing-keys", `${k.id}.pem`), algorithm)
        : newKey(algorithm ?? DEFAULT_SEAL_ALGORITHM);
      return [k.id, { key: k, privateKey, publicKey: createPublicKey(privateKey) }];
    }),
  );
  return {
    env(service, name) {
      const pair = [...pairs.values()].find((p) => p.key.service === service && p.key.name === name);
      if (!pair) throw new Error(`No signing key ${name} is declared for ${service}`);
      const vars = signingKeyEnv(service, name);
      return {
        [vars.privateKey]: base64Pem(pair.privateKey.export({ type: "pkcs8", format: "pem" })),
        [vars.publicKey]: base64Pem(pair.publicKey.export({ type: "spki", format: "pem" })),
      };
    },
  };
}

/** KMS's key spec for each algorithm, on the same curve: ECC_NIST_P256 and SM2 (SEAL_KEY_SPECS). */
const CURVES = { ECDSA_SHA_256: "P-256", SM2DSA: "SM2" } as const satisfies Record<SealAlgorithm, string>;

const newKey = (algorithm: SealAlgorithm) =>
  generateKeyPairSync("ec", { namedCurve: CURVES[algorithm] }).privateKey;

function persistedKey(file: string, algorithm: SealAlgorithm | undefined): KeyObject {
  if (existsSync(file)) {
    const pem = readFileSync(file, "utf8");
    let kept: string;
    try {
      kept = localSealPort({ privateKey: pem, names: { privateKey: file, publicKey: file } }).algorithm;
    } catch {
      throw new Error(`${file} is not an Ed25519, P-256 or SM2 private key`);
    }
    if (algorithm && kept !== algorithm) {
      throw new Error(
        `${file} holds an ${kept} key but SEAL_ALGORITHM is ${algorithm}: the seals stored with it would no longer ` +
          "verify. Start with another --persist directory, or without SEAL_ALGORITHM.",
      );
    }
    return createPrivateKey(pem);
  }
  const key = newKey(algorithm ?? DEFAULT_SEAL_ALGORITHM);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, key.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  return key;
}

const base64Pem = (pem: string | Buffer) => Buffer.from(pem).toString("base64");
