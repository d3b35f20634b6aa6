import { createHash, generateKeyPairSync, sign as ecdsaSign, verify as ecdsaVerify } from "node:crypto";
import {
  KMSInvalidSignatureException,
  SignCommand,
  type VerifyCommand,
  type KMSClient,
  type SignCommandInput,
  type VerifyCommandInput,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { canonicalJson, documentDigest } from "./canonical.ts";
import {
  isDerEcdsaP256Signature,
  kmsSealPort,
  localSealPort,
  SEAL_KEY_SPECS,
  signingPortFrom,
  type Seal,
  type SealAlgorithm,
} from "./signing-port.ts";

const document = {
  kind: "approval",
  number: "2026-R000001",
  title: "准予行政许可决定书",
  issuedAt: "2026-03-02T10:00:00+08:00",
};

type KeyKind = "ed25519" | "P-256" | "SM2";

/** A key pair as the local runtime passes it: base64 of the PEM. */
function localKeys(kind: KeyKind = "ed25519") {
  const { privateKey, publicKey } =
    kind === "ed25519"
      ? generateKeyPairSync("ed25519")
      : generateKeyPairSync("ec", { namedCurve: kind === "P-256" ? "P-256" : "SM2" });
  const b64 = (pem: string | Buffer) => Buffer.from(pem).toString("base64");
  return {
    REVIEW_SEAL_PRIVATE_KEY: b64(privateKey.export({ type: "pkcs8", format: "pem" })),
    REVIEW_SEAL_PUBLIC_KEY: b64(publicKey.export({ type: "spki", format: "pem" })),
  };
}

/** The canonical document with one byte changed (same length). */
function tampered() {
  const canonical = canonicalJson(document);
  const bytes = Buffer.from(canonical, "utf8");
  const at = bytes.indexOf("1", bytes.indexOf("R0"));
  bytes[at] = bytes[at]! ^ 0x03; // "…R000001" → "…R000002"
  return bytes.toString("utf8");
}

const sm3 = (text: string) => createHash("sm3").update(text, "utf8").digest();

/** What each algorithm signs of a document: its SM3 for SM2DSA, its SHA-256 otherwise (sealed-document.ts). */
const digestFor = (algorithm: string, canonical = canonicalJson(document)) =>
  algorithm === "SM2DSA" ? sm3(canonical) : documentDigest(JSON.parse(canonical) as unknown).digest;

/** Malformed seals every port must answer `false` to, without throwing. */
function malformed(seal: Seal): [string, unknown][] {
  return [
    ["signature not base64", { ...seal, signature: "not base64!" }],
    // Buffer.from(…, "base64") would skip the newline and decode the valid signature.
    [
      "signature with a newline inside",
      { ...seal, signature: `${seal.signature.slice(0, 8)}\n${seal.signature.slice(8)}` },
    ],
    ["signature empty", { ...seal, signature: "" }],
    ["signature truncated", { ...seal, signature: seal.signature.slice(4) }],
    ["signature not a string", { ...seal, signature: 42 }],
    ["another algorithm", { ...seal, algorithm: "RSASSA_PSS_SHA_256" }],
    ["no keyId", { algorithm: seal.algorithm, signature: seal.signature }],
    ["null", null],
  ];
}

describe.each([
  { kind: "P-256", algorithm: "ECDSA_SHA_256", tag: "ecdsa-p256", der: true },
  { kind: "SM2", algorithm: "SM2DSA", tag: "sm2", der: true },
  { kind: "ed25519", algorithm: "Ed25519", tag: "ed25519", der: false },
] as const)("the local $algorithm seal", ({ kind, algorithm, tag, der }) => {
  const env = localKeys(kind);
  const port = signingPortFrom(env, "review", "seal");
  const digest = digestFor(algorithm);

  it("verifies what it signed, and names its algorithm and key", async () => {
    // Act
    const seal = await port.sign(digest);
    // Assert
    expect(port.algorithm).toBe(algorithm);
    expect(seal).toEqual({
      keyId: expect.stringMatching(new RegExp(`^local:${tag}:[0-9a-f]{32}$`)),
      algorithm,
      signature: expect.any(String),
    });
    const bytes = Buffer.from(seal.signature, "base64");
    if (der) expect(isDerEcdsaP256Signature(bytes)).toBe(true);
    else expect(bytes).toHaveLength(64);
    expect(await port.verify(digest, seal)).toBe(true);
  });

  it("refuses a document with one byte changed: its digest differs and the signature no longer holds", async () => {
    const seal = await port.sign(digest);
    const altered = digestFor(algorithm, tampered());
    expect(altered.equals(digest)).toBe(false);
    expect(await port.verify(altered, seal)).toBe(false);
  });

  it("refuses a signature made with another key, even one claiming this key's id", async () => {
    const other = await signingPortFrom(localKeys(kind), "review", "seal").sign(digest);
    const own = await port.sign(digest);
    expect(await port.verify(digest, other)).toBe(false);
    expect(await port.verify(digest, { ...other, keyId: own.keyId })).toBe(false);
  });

  it("refuses a seal of another algorithm, even over the same digest under this key's id", async () => {
    const own = await port.sign(digest);
    for (const otherKind of (["ed25519", "P-256", "SM2"] as const).filter((k) => k !== kind)) {
      const other = await signingPortFrom(localKeys(otherKind), "review", "seal").sign(digest);
      expect(await port.verify(digest, other), otherKind).toBe(false);
      expect(await port.verify(digest, { ...other, keyId: own.keyId }), otherKind).toBe(false);
      expect(await port.verify(digest, { ...own, algorithm: other.algorithm }), otherKind).toBe(false);
    }
  });

  it("refuses a signature with one bit flipped", async () => {
    const seal = await port.sign(digest);
    const bytes = Buffer.from(seal.signature, "base64");
    bytes[10] = bytes[10]! ^ 0x01;
    expect(await port.verify(digest, { ...seal, signature: bytes.toString("base64") })).toBe(false);
  });

  it("answers false to malformed seals and digests, never throws", async () => {
    const seal = await port.sign(digest);
    for (const [what, bad] of malformed(seal)) {
      await expect(port.verify(digest, bad as Seal), what).resolves.toBe(false);
    }
    await expect(port.verify(digest.subarray(1), seal)).resolves.toBe(false);
  });

  it("signs only a 32-byte digest", async () => {
    await expect(port.sign(Buffer.from("the whole document"))).rejects.toThrow(TypeError);
  });

  it("verifies with the public key alone, and then cannot sign", async () => {
    const seal = await port.sign(digest);
    const verifier = signingPortFrom(
      { REVIEW_SEAL_PUBLIC_KEY: env.REVIEW_SEAL_PUBLIC_KEY },
      "review",
      "seal",
    );
    expect(await verifier.verify(digest, seal)).toBe(true);
    await expect(verifier.sign(digest)).rejects.toThrow(/only verify/);
  });

  it("accepts the PEM itself as well as its base64", async () => {
    const pem = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
    const plain = signingPortFrom(
      {
        REVIEW_SEAL_PRIVATE_KEY: pem(env.REVIEW_SEAL_PRIVATE_KEY),
        REVIEW_SEAL_PUBLIC_KEY: pem(env.REVIEW_SEAL_PUBLIC_KEY),
      },
      "review",
      "seal",
    );
    expect(await port.verify(digest, await plain.sign(digest))).toBe(true);
  });
});

describe("the local ECDSA P-256 seal", () => {
  it("is standard ECDSA-SHA256 over the canonical document, as KMS signs a SHA-256 DIGEST", async () => {
    // Arrange
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const port = localSealPort({
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    });
    const canonical = canonicalJson(document);
    // Act
    const seal = await port.sign(documentDigest(document).digest);
    // Assert: node:crypto hashes the document itself (it cannot take a digest) and accepts the seal; and the reverse.
    expect(
      ecdsaVerify("sha256", Buffer.from(canonical), publicKey, Buffer.from(seal.signature, "base64")),
    ).toBe(true);
    const byNode = ecdsaSign("sha256", Buffer.from(canonical), privateKey).toString("base64");
    expect(await port.verify(documentDigest(document).digest, { ...seal, signature: byNode })).toBe(true);
  });
});

describe("choosing the seal from the environment", () => {
  const keyArn = "arn:aws:kms:cn-north-1:123456789012:key/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9";
  const pem = (key: { export(o: { type: "spki"; format: "pem" }): string | Buffer }) =>
    Buffer.from(key.export({ type: "spki", format: "pem" })).toString("base64");

  it.each<[string, Record<string, string | undefined>, RegExp]>([
    ["nothing set", {}, /REVIEW_SEAL_KMS_KEY_ID or REVIEW_SEAL_PUBLIC_KEY is required/],
    ["both runtimes' keys", { REVIEW_SEAL_KMS_KEY_ID: keyArn, ...localKeys() }, /both set/],
    ["a key id that is not a key ARN", { REVIEW_SEAL_KMS_KEY_ID: "alias/govservice/review-seal" }, /key ARN/],
    ["a garbled key", { REVIEW_SEAL_PUBLIC_KEY: "bm90IGEga2V5" }, /REVIEW_SEAL_PUBLIC_KEY is not a PEM/],
    [
      "a private and a public key of two pairs",
      {
        REVIEW_SEAL_PRIVATE_KEY: localKeys("SM2").REVIEW_SEAL_PRIVATE_KEY,
        REVIEW_SEAL_PUBLIC_KEY: localKeys("SM2").REVIEW_SEAL_PUBLIC_KEY,
      },
      /not one key pair/,
    ],
    [
      "a key of no seal algorithm (RSA)",
      { REVIEW_SEAL_PUBLIC_KEY: pem(generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey) },
      /REVIEW_SEAL_PUBLIC_KEY is not an Ed25519, P-256 or SM2 key/,
    ],
    [
      "an EC key on another curve (P-384)",
      { REVIEW_SEAL_PUBLIC_KEY: pem(generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey) },
      /not an Ed25519, P-256 or SM2 key/,
    ],
    [
      "a P-256 key where SEAL_ALGORITHM is SM2DSA",
      { SEAL_ALGORITHM: "SM2DSA", ...localKeys("P-256") },
      /REVIEW_SEAL_PUBLIC_KEY is an ECDSA_SHA_256 key where SM2DSA is configured/,
    ],
    [
      "an Ed25519 key where SEAL_ALGORITHM names an algorithm",
      { SEAL_ALGORITHM: "ECDSA_SHA_256", ...localKeys("ed25519") },
      /is an Ed25519 key where ECDSA_SHA_256 is configured/,
    ],
    [
      "an unknown SEAL_ALGORITHM",
      { SEAL_ALGORITHM: "SM2", REVIEW_SEAL_KMS_KEY_ID: keyArn },
      /SEAL_ALGORITHM must be one of ECDSA_SHA_256, SM2DSA/,
    ],
  ])("fails at cold start with %s, naming the variable but never its value", (_, env, message) => {
    expect(() => signingPortFrom(env, "review", "seal")).toThrow(message);
    try {
      signingPortFrom(env, "review", "seal");
    } catch (error) {
      for (const [name, value] of Object.entries(env)) {
        if (name !== "SEAL_ALGORITHM") expect((error as Error).message).not.toContain(value);
      }
    }
  });

  it.each<[string, Record<string, string>, string]>([
    ["KMS, SEAL_ALGORITHM absent", { REVIEW_SEAL_KMS_KEY_ID: keyArn }, "ECDSA_SHA_256"],
    ["KMS, SM2DSA", { REVIEW_SEAL_KMS_KEY_ID: keyArn, SEAL_ALGORITHM: "SM2DSA" }, "SM2DSA"],
    ["a local SM2 pair under SM2DSA", { SEAL_ALGORITHM: "SM2DSA", ...localKeys("SM2") }, "SM2DSA"],
    ["a local SM2 pair, SEAL_ALGORITHM absent", localKeys("SM2"), "SM2DSA"],
    [
      "a local P-256 pair, SEAL_ALGORITHM empty",
      { SEAL_ALGORITHM: "", ...localKeys("P-256") },
      "ECDSA_SHA_256",
    ],
  ])("signs with %s as %s (no request is made until a seal is needed)", (_, env, algorithm) => {
    expect(signingPortFrom(env, "review", "seal").algorithm).toBe(algorithm);
  });

  it("exports each algorithm's KMS key spec for the stack", () => {
    expect(SEAL_KEY_SPECS).toEqual({ ECDSA_SHA_256: "ECC_NIST_P256", SM2DSA: "SM2" });
  });
});

/**
 * A stand-in for KMS with its semantics, for an ECC_NIST_P256 or an SM2 key: Sign gives a DER signature — ECDSA over
 * the digest (it hashes it once more: node:crypto cannot sign a precomputed digest, which changes nothing a test here
 * can observe), or SM2 over the raw message with the default distinguishing id, as KMS does — and Verify is true only
 * for this key's signature over this message, throwing KMSInvalidSignatureException otherwise.
 */
function fakeKms(keyArn: string, algorithm: SealAlgorithm = "ECDSA_SHA_256") {
  const requests: (SignCommandInput | VerifyCommandInput)[] = [];
  let failure: Error | undefined;
  const ecdsa = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const sm2 = localSealPort({
    privateKey: generateKeyPairSync("ec", { namedCurve: "SM2" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString(),
  });
  const keyId = (async () => (await sm2.sign(Buffer.alloc(32))).keyId)();
  const client = {
    async send(command: SignCommand | VerifyCommand) {
      requests.push(command.input);
      if (failure) throw failure;
      const input = command.input;
      if (input.KeyId !== keyArn) throw new Error("NotFoundException");
      if (input.SigningAlgorithm !== algorithm) throw new Error("InvalidKeyUsageException");
      const message = Buffer.from(input.Message!);
      if (command instanceof SignCommand) {
        const signature =
          algorithm === "SM2DSA"
            ? Buffer.from((await sm2.sign(message)).signature, "base64")
            : ecdsaSign("sha256", message, ecdsa.privateKey);
        return { KeyId: keyArn, Signature: signature };
      }
      const signature = Buffer.from((input as VerifyCommandInput).Signature!);
      const valid =
        algorithm === "SM2DSA"
          ? await sm2.verify(message, {
              keyId: await keyId,
              algorithm,
              signature: signature.toString("base64"),
            })
          : ecdsaVerify("sha256", message, ecdsa.publicKey, signature);
      if (!valid) throw new KMSInvalidSignatureException({ message: "invalid", $metadata: {} });
      return { KeyId: keyArn, SignatureValid: true };
    },
  };
  return {
    client: client as unknown as KMSClient,
    requests,
    failWith: (error: Error) => (failure = error),
  };
}

describe.each([
  { algorithm: "ECDSA_SHA_256", messageType: "DIGEST" },
  { algorithm: "SM2DSA", messageType: "RAW" },
] as const)("the KMS $algorithm seal", ({ algorithm, messageType }) => {
  const keyArn = "arn:aws-cn:kms:cn-north-1:123456789012:key/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9";
  const setup = () => {
    const kms = fakeKms(keyArn, algorithm);
    return { kms, port: kmsSealPort(keyArn, algorithm, kms.client) };
  };
  const digest = digestFor(algorithm);

  it(`signs the 32-byte digest (not the document) as ${messageType} and records the key's ARN`, async () => {
    const { kms, port } = setup();
    const seal = await port.sign(digest);
    expect(kms.requests).toEqual([
      { KeyId: keyArn, Message: digest, MessageType: messageType, SigningAlgorithm: algorithm },
    ]);
    expect(seal).toEqual({ keyId: keyArn, algorithm, signature: expect.any(String) });
    expect(isDerEcdsaP256Signature(Buffer.from(seal.signature, "base64"))).toBe(true);
  });

  it("verifies through KMS Verify, with the configured key, whatever the record says", async () => {
    const { kms, port } = setup();
    const seal = await port.sign(digest);
    expect(await port.verify(digest, seal)).toBe(true);
    expect(kms.requests[1]).toEqual({
      KeyId: keyArn,
      Message: digest,
      MessageType: messageType,
      Signature: Buffer.from(seal.signature, "base64"),
      SigningAlgorithm: algorithm,
    });
  });

  it("answers false when KMS finds the signature invalid (a tampered document, another key)", async () => {
    const { port } = setup();
    const seal = await port.sign(digest);
    expect(await port.verify(digestFor(algorithm, tampered()), seal)).toBe(false);
    const other = await kmsSealPort(keyArn, algorithm, fakeKms(keyArn, algorithm).client).sign(digest);
    expect(await port.verify(digest, other)).toBe(false);
  });

  it("refuses malformed seals, seals of another key and of another algorithm without asking KMS", async () => {
    const { kms, port } = setup();
    const seal = await port.sign(digest);
    const notDer = Buffer.alloc(70, 0x30).toString("base64");
    const otherAlgorithm = algorithm === "SM2DSA" ? "ECDSA_SHA_256" : "SM2DSA";
    const cases = [
      ...malformed(seal),
      ["another key", { ...seal, keyId: keyArn.replace("0f1e", "aaaa") }],
      ["another algorithm of KMS", { ...seal, algorithm: otherAlgorithm }],
      ["not a DER signature", { ...seal, signature: notDer }],
    ] as [string, unknown][];
    for (const [what, bad] of cases)
      await expect(port.verify(digest, bad as Seal), what).resolves.toBe(false);
    expect(kms.requests).toHaveLength(1);
  });

  it("throws when KMS cannot be asked: an outage says nothing about the document", async () => {
    const { kms, port } = setup();
    const seal = await port.sign(digest);
    kms.failWith(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));
    await expect(port.verify(digest, seal)).rejects.toThrow("Rate exceeded");
  });
});

describe("the local SM2DSA seal's ranges", () => {
  const n = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
  /** DER `SEQUENCE { INTEGER r, INTEGER s }`, minimally encoded. */
  const der = (r: bigint, s: bigint) => {
    const int = (v: bigint) => {
      let hex = v.toString(16);
      if (hex.length % 2) hex = `0${hex}`;
      if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
      return Buffer.concat([Buffer.from([0x02, hex.length / 2]), Buffer.from(hex, "hex")]);
    };
    const body = Buffer.concat([int(r), int(s)]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]).toString("base64");
  };

  it("refuses r or s outside [1, n − 1] (GB/T 32918.2 §7.1 B1–B2), even s + n, which reaches the same point", async () => {
    // Arrange
    const port = signingPortFrom(localKeys("SM2"), "review", "seal");
    const digest = digestFor("SM2DSA");
    const seal = await port.sign(digest);
    const bytes = Buffer.from(seal.signature, "base64");
    const [r, s] = [bytes.subarray(2, 4 + bytes[3]!), bytes.subarray(4 + bytes[3]!)].map((t) =>
      BigInt(`0x${t.subarray(2).toString("hex")}`),
    ) as [bigint, bigint];
    expect(der(r, s)).toBe(seal.signature);
    // Act / Assert
    for (const [what, forged] of [
      ["s + n", der(r, s + n)],
      ["r + n", der(r + n, s)],
      ["s = 0", der(r, 0n)],
      ["r = 0", der(0n, s)],
    ] as const) {
      expect(await port.verify(digest, { ...seal, signature: forged }), what).toBe(false);
    }
  });
});

describe("isDerEcdsaP256Signature", () => {
  it("accepts real P-256 signatures and refuses truncated or padded ones", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    for (let i = 0; i < 200; i++) {
      const der = ecdsaSign("sha256", Buffer.from(`document ${i}`), privateKey);
      expect(isDerEcdsaP256Signature(der)).toBe(true);
      expect(isDerEcdsaP256Signature(der.subarray(0, der.length - 1))).toBe(false);
      expect(isDerEcdsaP256Signature(Buffer.concat([der, Buffer.from([0])]))).toBe(false);
    }
  });

  it("refuses non-minimal and negative integers", () => {
    const der = (r: number[], s: number[]) =>
      Buffer.from([0x30, r.length + s.length + 4, 0x02, r.length, ...r, 0x02, s.length, ...s]);
    expect(isDerEcdsaP256Signature(der([0x01, 0x02, 0x03], [0x04, 0x05, 0x06]))).toBe(true);
    expect(isDerEcdsaP256Signature(der([0x00, 0x01, 0x02], [0x04, 0x05, 0x06]))).toBe(false);
    expect(isDerEcdsaP256Signature(der([0x81, 0x02, 0x03], [0x04, 0x05, 0x06]))).toBe(false);
    expect(isDerEcdsaP256Signature(der([0x00, 0x81, 0x02], [0x04, 0x05, 0x06]))).toBe(true);
  });
});
