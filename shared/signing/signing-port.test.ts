import { generateKeyPairSync, sign as ecdsaSign, verify as ecdsaVerify } from "node:crypto";
import {
  KMSInvalidSignatureException,
  SignCommand,
  type VerifyCommand,
  type KMSClient,
  type SignCommandInput,
  type VerifyCommandInput,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { documentDigest } from "./canonical.ts";
import {
  isDerEcdsaP256Signature,
  kmsSealPort,
  signingPortFrom,
  type Seal,
  type SealPort,
} from "./signing-port.ts";

const document = {
  kind: "approval",
  number: "2026-R000001",
  title: "准予行政许可决定书",
  issuedAt: "2026-03-02T10:00:00+08:00",
};

/** An Ed25519 pair as the local runtime passes it: base64 of the PEM. */
function localKeys() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const b64 = (pem: string | Buffer) => Buffer.from(pem).toString("base64");
  return {
    REVIEW_SEAL_PRIVATE_KEY: b64(privateKey.export({ type: "pkcs8", format: "pem" })),
    REVIEW_SEAL_PUBLIC_KEY: b64(publicKey.export({ type: "spki", format: "pem" })),
  };
}

/** The canonical document with one byte changed (same length). */
function tamperedDigest() {
  const { canonical } = documentDigest(document);
  const bytes = Buffer.from(canonical, "utf8");
  const at = bytes.indexOf("1", bytes.indexOf("R0"));
  bytes[at] = bytes[at]! ^ 0x03; // "…R000001" → "…R000002"
  return documentDigest(JSON.parse(bytes.toString("utf8")) as unknown);
}

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

describe("the local Ed25519 seal", () => {
  const env = localKeys();
  const port = signingPortFrom(env, "review", "seal");

  it("verifies what it signed", async () => {
    // Arrange
    const { digest } = documentDigest(document);
    // Act
    const seal = await port.sign(digest);
    // Assert
    expect(seal).toEqual({
      keyId: expect.stringMatching(/^local:ed25519:[0-9a-f]{32}$/),
      algorithm: "Ed25519",
      signature: expect.any(String),
    });
    expect(Buffer.from(seal.signature, "base64")).toHaveLength(64);
    expect(await port.verify(digest, seal)).toBe(true);
  });

  it("refuses a document with one byte changed: its hash differs and the signature no longer holds", async () => {
    const original = documentDigest(document);
    const seal = await port.sign(original.digest);
    const tampered = tamperedDigest();
    expect(tampered.canonical).not.toBe(original.canonical);
    expect(tampered.canonical.length).toBe(original.canonical.length);
    expect(tampered.sha256).not.toBe(original.sha256);
    expect(await port.verify(tampered.digest, seal)).toBe(false);
  });

  it("refuses a signature made with another key, even one claiming this key's id", async () => {
    const { digest } = documentDigest(document);
    const other = await signingPortFrom(localKeys(), "review", "seal").sign(digest);
    const own = await port.sign(digest);
    expect(await port.verify(digest, other)).toBe(false);
    expect(await port.verify(digest, { ...other, keyId: own.keyId })).toBe(false);
  });

  it("refuses a signature with one bit flipped", async () => {
    const { digest } = documentDigest(document);
    const seal = await port.sign(digest);
    const bytes = Buffer.from(seal.signature, "base64");
    bytes[10] = bytes[10]! ^ 0x01;
    expect(await port.verify(digest, { ...seal, signature: bytes.toString("base64") })).toBe(false);
  });

  it("answers false to malformed seals and digests, never throws", async () => {
    const { digest } = documentDigest(document);
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
    const { digest } = documentDigest(document);
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
    const { digest } = documentDigest(document);
    expect(await port.verify(digest, await plain.sign(digest))).toBe(true);
  });
});

describe("choosing the seal from the environment", () => {
  const keyArn = "arn:aws:kms:cn-north-1:123456789012:key/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9";

  it.each<[string, Record<string, string | undefined>, RegExp]>([
    ["nothing set", {}, /REVIEW_SEAL_KMS_KEY_ID or REVIEW_SEAL_PUBLIC_KEY is required/],
    ["both runtimes' keys", { REVIEW_SEAL_KMS_KEY_ID: keyArn, ...localKeys() }, /both set/],
    ["a key id that is not a key ARN", { REVIEW_SEAL_KMS_KEY_ID: "alias/govservice/review-seal" }, /key ARN/],
    ["a garbled key", { REVIEW_SEAL_PUBLIC_KEY: "bm90IGEga2V5" }, /REVIEW_SEAL_PUBLIC_KEY is not a PEM/],
    [
      "a private and a public key of two pairs",
      {
        REVIEW_SEAL_PRIVATE_KEY: localKeys().REVIEW_SEAL_PRIVATE_KEY,
        REVIEW_SEAL_PUBLIC_KEY: localKeys().REVIEW_SEAL_PUBLIC_KEY,
      },
      /not one key pair/,
    ],
    [
      "a key that is not Ed25519",
      {
        REVIEW_SEAL_PUBLIC_KEY: Buffer.from(
          generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({
            type: "spki",
            format: "pem",
          }),
        ).toString("base64"),
      },
      /not an Ed25519 key/,
    ],
  ])("fails at cold start with %s, naming the variable but never its value", (_, env, message) => {
    expect(() => signingPortFrom(env, "review", "seal")).toThrow(message);
    try {
      signingPortFrom(env, "review", "seal");
    } catch (error) {
      for (const value of Object.values(env)) expect((error as Error).message).not.toContain(value);
    }
  });

  it("uses KMS when the key ARN is set (no request is made until a seal is needed)", () => {
    const port = signingPortFrom({ REVIEW_SEAL_KMS_KEY_ID: keyArn }, "review", "seal");
    expect(typeof port.sign).toBe("function");
  });
});

/**
 * A stand-in for KMS with its semantics: Sign gives a DER ECDSA P-256 signature, Verify is true only for this key's
 * signature over this digest and throws KMSInvalidSignatureException otherwise. (It hashes the digest once more —
 * node:crypto cannot sign a precomputed digest — which changes nothing a test here can observe.)
 */
function fakeKms(keyArn: string) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const requests: (SignCommandInput | VerifyCommandInput)[] = [];
  let failure: Error | undefined;
  const client = {
    async send(command: SignCommand | VerifyCommand) {
      requests.push(command.input);
      if (failure) throw failure;
      if (command.input.KeyId !== keyArn) throw new Error("NotFoundException");
      if (command instanceof SignCommand) {
        return { KeyId: keyArn, Signature: ecdsaSign("sha256", command.input.Message!, privateKey) };
      }
      const input = command.input as VerifyCommandInput;
      if (!ecdsaVerify("sha256", input.Message!, publicKey, input.Signature!)) {
        throw new KMSInvalidSignatureException({ message: "invalid", $metadata: {} });
      }
      return { KeyId: keyArn, SignatureValid: true };
    },
  };
  return {
    client: client as unknown as KMSClient,
    requests,
    failWith: (error: Error) => (failure = error),
  };
}

describe("the KMS seal", () => {
  const keyArn = "arn:aws:kms:cn-north-1:123456789012:key/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9";
  const setup = () => {
    const kms = fakeKms(keyArn);
    return { kms, port: kmsSealPort(keyArn, kms.client) as SealPort };
  };

  it("signs the digest (not the document) with ECDSA_SHA_256 and records the key's ARN", async () => {
    const { kms, port } = setup();
    const { digest } = documentDigest(document);
    const seal = await port.sign(digest);
    expect(kms.requests).toEqual([
      { KeyId: keyArn, Message: digest, MessageType: "DIGEST", SigningAlgorithm: "ECDSA_SHA_256" },
    ]);
    expect(seal).toEqual({ keyId: keyArn, algorithm: "ECDSA_SHA_256", signature: expect.any(String) });
    expect(isDerEcdsaP256Signature(Buffer.from(seal.signature, "base64"))).toBe(true);
  });

  it("verifies through KMS Verify, with the configured key, whatever the record says", async () => {
    const { kms, port } = setup();
    const { digest } = documentDigest(document);
    const seal = await port.sign(digest);
    expect(await port.verify(digest, seal)).toBe(true);
    expect(kms.requests[1]).toEqual({
      KeyId: keyArn,
      Message: digest,
      MessageType: "DIGEST",
      Signature: Buffer.from(seal.signature, "base64"),
      SigningAlgorithm: "ECDSA_SHA_256",
    });
  });

  it("answers false when KMS finds the signature invalid (a tampered document, another key)", async () => {
    const { port } = setup();
    const seal = await port.sign(documentDigest(document).digest);
    expect(await port.verify(tamperedDigest().digest, seal)).toBe(false);
    const other = await kmsSealPort(keyArn, fakeKms(keyArn).client).sign(documentDigest(document).digest);
    expect(await port.verify(documentDigest(document).digest, other)).toBe(false);
  });

  it("refuses malformed seals and seals of another key without asking KMS", async () => {
    const { kms, port } = setup();
    const { digest } = documentDigest(document);
    const seal = await port.sign(digest);
    const notDer = Buffer.alloc(70, 0x30).toString("base64");
    const cases = [
      ...malformed(seal),
      ["another key", { ...seal, keyId: keyArn.replace("0f1e", "aaaa") }],
      ["not a DER signature", { ...seal, signature: notDer }],
    ] as [string, unknown][];
    for (const [what, bad] of cases)
      await expect(port.verify(digest, bad as Seal), what).resolves.toBe(false);
    expect(kms.requests).toHaveLength(1);
  });

  it("throws when KMS cannot be asked: an outage says nothing about the document", async () => {
    const { kms, port } = setup();
    const { digest } = documentDigest(document);
    const seal = await port.sign(digest);
    kms.failWith(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));
    await expect(port.verify(digest, seal)).rejects.toThrow("Rate exceeded");
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
