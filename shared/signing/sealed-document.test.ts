import { createHash, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "./canonical.ts";
import { sealDocument, verification, type Sealed } from "./sealed-document.ts";
import { localSealPort, type SealPort } from "./signing-port.ts";

/** A local port of each kind of key, as the local runtime makes them. */
function port(kind: "SM2" | "P-256" | "ed25519"): SealPort {
  const { privateKey } =
    kind === "ed25519" ? generateKeyPairSync("ed25519") : generateKeyPairSync("ec", { namedCurve: kind });
  return localSealPort({ privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() });
}

const content = {
  id: "rdoc_01JSEED0000000000000000001",
  number: "2026-R000001",
  title: "准予行政许可决定书",
  centerId: "ctr_haidian",
  departmentId: "dep_market",
  body: ["经审查，你单位的申请符合法定条件、标准，决定准予行政许可。"],
};
const stamp = {
  sealId: "seal:ctr_haidian:dep_market",
  sealName: "海淀区市场监督管理局行政审批专用章",
  sealedAt: "2026-03-02T10:00:00+08:00",
};
const sm3Hex = (text: string) => createHash("sm3").update(text, "utf8").digest("hex");

describe("a document sealed with SM2 (issue 23)", () => {
  const sm2 = port("SM2");

  it("signs the SM3 of the canonical content, keeps the SHA-256 beside it, and verifies, saying SM2DSA", async () => {
    // Act
    const sealed = await sealDocument(content, stamp, sm2);
    const answer = await verification(sealed, sha256Hex(canonicalJson(content)), sm2);
    // Assert
    expect(sealed.seal).toMatchObject({
      algorithm: "SM2DSA",
      sha256: sha256Hex(canonicalJson(content)),
      sm3: sm3Hex(canonicalJson(content)),
      keyId: expect.stringMatching(/^local:sm2:/),
    });
    expect(answer).toMatchObject({
      intact: true,
      signatureValid: true,
      valid: true,
      presentedCopyMatches: true,
      algorithm: "SM2DSA",
      sm3: sealed.seal.sm3,
      sha256: sealed.seal.sha256,
    });
  });

  it("does not verify once altered: the content, its recorded SM3 with it, or the seal's algorithm", async () => {
    const sealed = await sealDocument(content, stamp, sm2);
    const body = ["经审查，你单位的申请不符合法定条件，决定不予行政许可。"];
    const altered = { ...sealed, body };
    const rehashed: Sealed<typeof content> = {
      ...altered,
      seal: {
        ...sealed.seal,
        sha256: sha256Hex(canonicalJson({ ...content, body })),
        sm3: sm3Hex(canonicalJson({ ...content, body })),
      },
    };
    const relabelled = { ...sealed, seal: { ...sealed.seal, algorithm: "ECDSA_SHA_256" } };
    const unsm3 = { ...sealed, seal: { ...sealed.seal, sm3: undefined } };

    expect(await verification(altered, undefined, sm2)).toMatchObject({
      intact: false,
      signatureValid: true,
      valid: false,
    });
    expect(await verification(rehashed, undefined, sm2)).toMatchObject({
      intact: true,
      signatureValid: false,
      valid: false,
    });
    expect(await verification(relabelled, undefined, sm2)).toMatchObject({
      signatureValid: false,
      valid: false,
    });
    expect(await verification(unsm3, undefined, sm2)).toMatchObject({
      intact: false,
      signatureValid: false,
      valid: false,
    });
  });

  it("is refused by a port of another algorithm, and its presented copy is compared by SHA-256", async () => {
    const sealed = await sealDocument(content, stamp, sm2);
    expect(await verification(sealed, undefined, port("P-256"))).toMatchObject({
      intact: true,
      signatureValid: false,
      valid: false,
      algorithm: "SM2DSA",
    });
    expect(await verification(sealed, "0".repeat(64), sm2)).toMatchObject({
      presentedCopyMatches: false,
      valid: false,
    });
  });
});

describe("documents sealed with the other algorithms", () => {
  it.each(["P-256", "ed25519"] as const)(
    "a %s seal signs the SHA-256, has no SM3, and still verifies as stored",
    async (kind) => {
      const signer = port(kind);
      const sealed = await sealDocument(content, stamp, signer);
      expect(sealed.seal.sm3).toBeUndefined();
      expect(sealed.seal.algorithm).toBe(kind === "P-256" ? "ECDSA_SHA_256" : "Ed25519");
      const answer = await verification(sealed, undefined, signer);
      expect(answer).toMatchObject({ valid: true, algorithm: sealed.seal.algorithm });
      expect(answer).not.toHaveProperty("sm3");
      expect(await verification({ ...sealed, title: "变更" }, undefined, signer)).toMatchObject({
        valid: false,
      });
    },
  );
});
