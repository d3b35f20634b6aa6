import { describe, expect, it } from "vitest";
import { RuleViolationError } from "#shared/errors.ts";
import {
  assertWithinLimit,
  judgeUpload,
  maxBytesFor,
  mayHandle,
  nextFileState,
  sniffType,
  uploadRequestSchema,
} from "./files.ts";

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
const SHA = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=";
const declared = {
  size: 1000,
  contentType: "application/pdf" as const,
  sha256: SHA,
  maxBytes: 10 * 1024 * 1024,
};

describe("electronic materials: what a file is", () => {
  it("recognises PDF, PNG and JPEG by their first bytes, and nothing else", () => {
    expect([sniffType(PDF), sniffType(PNG), sniffType(JPEG)]).toEqual([
      "application/pdf",
      "image/png",
      "image/jpeg",
    ]);
    expect(sniffType(new TextEncoder().encode("<html><script>"))).toBeUndefined();
    expect(sniffType(new Uint8Array([0x25, 0x50]))).toBeUndefined();
  });

  it("accepts an upload that is what was declared", () => {
    expect(judgeUpload(declared, { size: 1000, head: PDF, sha256: SHA })).toBeUndefined();
  });

  it("names the rule an upload breaks: missing, too large, another size, another type, other bytes", () => {
    const rule = (observed: Parameters<typeof judgeUpload>[1]) => judgeUpload(declared, observed)?.rule;
    expect(rule(undefined)).toBe("file-not-uploaded");
    expect(rule({ size: 11 * 1024 * 1024, head: PDF, sha256: SHA })).toBe("file-too-large");
    expect(rule({ size: 999, head: PDF, sha256: SHA })).toBe("file-size-mismatch");
    expect(rule({ size: 1000, head: PNG, sha256: SHA })).toBe("file-type-mismatch");
    expect(rule({ size: 1000, head: PDF, sha256: SHA.replace("n", "m") })).toBe("file-checksum-mismatch");
  });

  it("limits size by the guide's material, else 10 MiB, and refuses a larger declaration naming the field", () => {
    expect(maxBytesFor(undefined)).toBe(10 * 1024 * 1024);
    expect(maxBytesFor({ maxFileMiB: 2 })).toBe(2 * 1024 * 1024);
    expect(() => assertWithinLimit(3 * 1024 * 1024, maxBytesFor({ maxFileMiB: 2 }))).toThrow(
      RuleViolationError,
    );
    expect(() => assertWithinLimit(2 * 1024 * 1024, maxBytesFor({ maxFileMiB: 2 }))).not.toThrow();
  });

  it("takes only a plain file name, an accepted type and a base64 SHA-256", () => {
    const base = { fileName: "营业执照.pdf", contentType: "application/pdf", size: 10, sha256: SHA };
    expect(uploadRequestSchema.safeParse(base).success).toBe(true);
    const bad = (patch: object) =>
      uploadRequestSchema.safeParse({ ...base, ...patch }).error?.issues[0]?.path;
    expect(bad({ fileName: "../etc/passwd" })).toEqual(["fileName"]);
    expect(bad({ contentType: "text/html" })).toEqual(["contentType"]);
    expect(bad({ sha256: "abc" })).toEqual(["sha256"]);
  });

  it("checks once, attaches once: a rejected or attached file goes nowhere", () => {
    expect(nextFileState("pending", "check")).toBe("checked");
    expect(nextFileState("checked", "attach")).toBe("attached");
    expect(() => nextFileState("rejected", "attach")).toThrow();
    expect(() => nextFileState("attached", "attach")).toThrow();
    expect(() => nextFileState("pending", "attach")).toThrow();
  });

  it("lets the uploader handle their file, and a clerk their center's scans, nobody else", () => {
    const applicantsFile = { ownerId: "usr_a" };
    const scan = { ownerId: "usr_clerk", centerId: "ctr_1" };
    expect(mayHandle({ sub: "usr_a", role: "applicant" }, applicantsFile)).toBe(true);
    expect(mayHandle({ sub: "usr_b", role: "applicant" }, applicantsFile)).toBe(false);
    expect(mayHandle({ sub: "usr_other", role: "clerk", centerId: "ctr_1" }, scan)).toBe(true);
    expect(mayHandle({ sub: "usr_other", role: "clerk", centerId: "ctr_2" }, scan)).toBe(false);
    expect(mayHandle({ sub: "usr_x", role: "applicant", centerId: "ctr_1" }, scan)).toBe(false);
  });
});
