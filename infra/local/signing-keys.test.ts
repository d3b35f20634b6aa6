import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { signingPortFrom } from "#shared/signing/signing-port.ts";
import { documentDigest } from "#shared/signing/canonical.ts";
import { defineService } from "#shared/manifest/types.ts";
import { buildModel, environmentFor, type Resolved } from "../manifest.ts";
import { createLocalSigningKeys } from "./signing-keys.ts";

const review = defineService({
  name: "review",
  description: "x",
  table: { indexes: [] },
  routes: [],
  queues: {},
  schedules: [],
  publishes: [],
  signingKeys: ["seal"],
});
const m = buildModel([review]);
const publisher = m.functions.find((f) => f.owner === "review")!;
const resolvedWith = (keys: ReturnType<typeof createLocalSigningKeys>): Resolved => ({
  tableName: () => "t",
  queueUrl: () => "q",
  auth: {},
  signingKey: keys.env,
});

describe("local signing keys", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("puts a P-256 pair (KMS's ECC_NIST_P256) into the function environment that the review seal port signs and verifies with", async () => {
    // Arrange
    const env = environmentFor(publisher, resolvedWith(createLocalSigningKeys(m, undefined, undefined)), m);
    // Act
    const port = signingPortFrom(env, "review", "seal");
    const { digest } = documentDigest({ n: 1 });
    const seal = await port.sign(digest);
    // Assert
    expect(Buffer.from(env.REVIEW_SEAL_PRIVATE_KEY!, "base64").toString()).toMatch(
      /^-----BEGIN PRIVATE KEY-----/,
    );
    expect(Buffer.from(env.REVIEW_SEAL_PUBLIC_KEY!, "base64").toString()).toMatch(
      /^-----BEGIN PUBLIC KEY-----/,
    );
    expect(env.REVIEW_SEAL_KMS_KEY_ID).toBeUndefined();
    expect(seal.algorithm).toBe("ECDSA_SHA_256");
    expect(await port.verify(digest, seal)).toBe(true);
  });

  it("makes an SM2 pair when SEAL_ALGORITHM is SM2DSA, which the port of a function under SM2DSA signs with", async () => {
    const env = environmentFor(publisher, resolvedWith(createLocalSigningKeys(m, undefined, "SM2DSA")), m);
    const port = signingPortFrom({ ...env, SEAL_ALGORITHM: "SM2DSA" }, "review", "seal");
    const { digest } = documentDigest({ n: 1 });
    const seal = await port.sign(digest);
    expect(seal.algorithm).toBe("SM2DSA");
    expect(seal.keyId).toMatch(/^local:sm2:/);
    expect(await port.verify(digest, seal)).toBe(true);
  });

  it("makes a new key at each start when the data lives in memory", () => {
    expect(createLocalSigningKeys(m).env("review", "seal")).not.toEqual(
      createLocalSigningKeys(m).env("review", "seal"),
    );
  });

  it("keeps the key with persisted data, readable by its owner only, so earlier seals still verify", async () => {
    const dir = mkdtempSync(join(tmpdir(), "govservice-keys-"));
    dirs.push(dir);
    const first = signingPortFrom(createLocalSigningKeys(m, dir).env("review", "seal"), "review", "seal");
    const seal = await first.sign(documentDigest({ n: 1 }).digest);
    const restarted = signingPortFrom(createLocalSigningKeys(m, dir).env("review", "seal"), "review", "seal");
    expect(await restarted.verify(documentDigest({ n: 1 }).digest, seal)).toBe(true);
    expect(statSync(join(dir, "signing-keys", "review-seal.pem")).mode & 0o777).toBe(0o600);
  });

  it("keeps a persisted key's algorithm — the Ed25519 of earlier versions too — unless SEAL_ALGORITHM names another", async () => {
    // Arrange: a key an earlier version kept
    const dir = mkdtempSync(join(tmpdir(), "govservice-keys-"));
    dirs.push(dir);
    mkdirSync(join(dir, "signing-keys"));
    const legacy = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" });
    writeFileSync(join(dir, "signing-keys", "review-seal.pem"), legacy, { mode: 0o600 });
    // Act
    const port = signingPortFrom(
      createLocalSigningKeys(m, dir, undefined).env("review", "seal"),
      "review",
      "seal",
    );
    // Assert
    expect(port.algorithm).toBe("Ed25519");
    expect(() => createLocalSigningKeys(m, dir, "SM2DSA")).toThrow(
      /review-seal\.pem holds an Ed25519 key but SEAL_ALGORITHM is SM2DSA/,
    );
  });

  it("keeps an SM2 key with persisted data and refuses to start under another algorithm", async () => {
    const dir = mkdtempSync(join(tmpdir(), "govservice-keys-"));
    dirs.push(dir);
    const env = () => ({
      ...createLocalSigningKeys(m, dir, "SM2DSA").env("review", "seal"),
      SEAL_ALGORITHM: "SM2DSA",
    });
    const seal = await signingPortFrom(env(), "review", "seal").sign(documentDigest({ n: 1 }).digest);
    expect(await signingPortFrom(env(), "review", "seal").verify(documentDigest({ n: 1 }).digest, seal)).toBe(
      true,
    );
    expect(() => createLocalSigningKeys(m, dir, "ECDSA_SHA_256")).toThrow(/holds an SM2DSA key/);
  });

  it("refuses a key the manifest does not declare", () => {
    expect(() => createLocalSigningKeys(m).env("review", "stamp")).toThrow(/No signing key stamp/);
  });
});
