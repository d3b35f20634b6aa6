import { execFileSync } from "node:child_process";
import { createHash, createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { canonicalJson } from "#shared/signing/canonical.ts";
import { localSealPort } from "#shared/signing/signing-port.ts";
import { sm3Hex, SM2_DISTINGUISHING_ID } from "#shared/signing/sm2.ts";

/**
 * Our SM2 seals against implementations we did not write (issue 23): a seal must verify wherever GB/T 32918 SM2 with
 * SM3 and GM/T 0009's default distinguishing id is implemented — OpenSSL 3's CLI here, KMS in the China regions —
 * and node:crypto's SM2 (an empty id; sm2.ts says why we do not use it) must not pass for it.
 */

const document = {
  kind: "approval",
  number: "2026-R000001",
  title: "准予行政许可决定书",
  issuedAt: "2026-03-02T10:00:00+08:00",
};
const digest = createHash("sm3").update(canonicalJson(document), "utf8").digest();

/** Made once with `openssl genpkey -algorithm SM2` (OpenSSL 3.0.19); only the public key is kept. */
const OPENSSL_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEvRtAFMcJbCR2AHiFAI5hQQIvIyua
STyQGSDJF93yu8xC7DxjYOAWm0L7Gg/ukuezy/h+ab7IGY6ZTFU2Iezt2Q==
-----END PUBLIC KEY-----
`;
/** `openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in <digest>` with that key. */
const OPENSSL_SIGNATURE =
  "MEQCIFD+2HJ74xwqEitEUp6Fdng33pcumG1g2B09oHSe7iwMAiANIO08AzN/rcMEnRx3xHCBYGANQe4sYqD27xBCATMHqA==";
/** `crypto.sign("sm3", digest, key)` of node 20 with the same key (read from its PEM): SM2 with an empty id. */
const NODE_SIGNATURE =
  "MEUCIG99lmRLnhhkMhOO5Me1fPloaUxC8TC/5qicMpE97DHNAiEA4yj7tDLuZQKUtbbps4KHYsZAyX5gr458y//I4ATu30M=";

describe("SM2 seals against OpenSSL", () => {
  const dir = mkdtempSync(join(tmpdir(), "govservice-sm2-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("hashes with SM3 as GB/T 32905's example says", () => {
    expect(sm3Hex("abc")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  });

  it("verifies a signature OpenSSL made with the default id, and refuses node:crypto's (empty id) and an altered digest", async () => {
    // Arrange
    const port = localSealPort({ publicKey: OPENSSL_PUBLIC_KEY });
    const spki = Buffer.from(OPENSSL_PUBLIC_KEY.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
    const keyId = `local:sm2:${createHash("sha256").update(spki).digest("hex").slice(0, 32)}`;
    const seal = (signature: string) => ({ keyId, algorithm: "SM2DSA", signature });
    const altered = Buffer.from(digest);
    altered[0] = altered[0]! ^ 0x01;
    // Act / Assert
    expect(port.algorithm).toBe("SM2DSA");
    expect(await port.verify(digest, seal(OPENSSL_SIGNATURE))).toBe(true);
    expect(await port.verify(digest, seal(NODE_SIGNATURE))).toBe(false);
    expect(await port.verify(altered, seal(OPENSSL_SIGNATURE))).toBe(false);
  });

  it("makes seals that OpenSSL verifies with the default id only", async () => {
    // Arrange
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "SM2" });
    const port = localSealPort({
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    });
    writeFileSync(join(dir, "key.pem"), publicKey.export({ type: "spki", format: "pem" }));
    writeFileSync(join(dir, "digest.bin"), digest);
    // Act
    const seal = await port.sign(digest);
    writeFileSync(join(dir, "seal.der"), Buffer.from(seal.signature, "base64"));
    // Assert
    const verify = (...options: string[]) => {
      try {
        return execFileSync(
          "openssl",
          ["pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-inkey", "key.pem"].concat([
            "-in",
            "digest.bin",
            "-sigfile",
            "seal.der",
            ...options,
          ]),
          { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
        ).trim();
      } catch (error) {
        return String((error as { stdout?: string }).stdout ?? error).trim();
      }
    };
    expect(verify("-pkeyopt", `distid:${SM2_DISTINGUISHING_ID}`)).toBe("Signature Verified Successfully");
    expect(verify()).toBe("Signature Verification Failure");
  });

  it("is not what node:crypto signs with the same key: its seal does not verify as ours", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "SM2" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const port = localSealPort({ privateKey: pem });
    const own = await port.sign(digest);
    const byNode = sign("sm3", digest, createPrivateKey(pem)).toString("base64");
    expect(await port.verify(digest, own)).toBe(true);
    expect(await port.verify(digest, { ...own, signature: byNode })).toBe(false);
  });
});
