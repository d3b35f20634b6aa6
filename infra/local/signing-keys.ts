import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { signingKeyEnv, type ServiceName } from "#shared/manifest/naming.ts";
import type { Model } from "../manifest.ts";

export interface LocalSigningKeys {
  /** The variables of one declared key, for `Resolved.signingKey`: its Ed25519 pair as base64 of the PEM. */
  env(service: ServiceName, name: string): Record<string, string>;
}

/**
 * What stands in for KMS locally: one Ed25519 key pair per signing key the manifest declares, made at start like the
 * JWT key (auth.ts). With persisted data (`npm start -- --persist DIR`) the private key is kept beside it, in
 * `DIR/signing-keys/<id>.pem`, because a seal stored by an earlier run must still verify after a restart; in memory
 * a fresh pair per start is right, since its seals vanish with the data.
 */
export function createLocalSigningKeys(m: Model, dataDir?: string): LocalSigningKeys {
  const pairs = new Map(
    m.signingKeys.map((k) => {
      const privateKey = dataDir ? persistedKey(join(dataDir, "signing-keys", `${k.id}.pem`)) : newKey();
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

const newKey = () => generateKeyPairSync("ed25519").privateKey;

function persistedKey(file: string): KeyObject {
  if (existsSync(file)) {
    const key = createPrivateKey(readFileSync(file));
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`${file} is not an Ed25519 private key`);
    return key;
  }
  const key = newKey();
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, key.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  return key;
}

const base64Pem = (pem: string | Buffer) => Buffer.from(pem).toString("base64");
