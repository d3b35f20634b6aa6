import { describe, expect, it } from "vitest";
import { isCreditCode, isPlainName, isResidentId, residentIdCheck } from "./identity.ts";

/** An ID number with the right check character, so only what is under test is wrong. */
const withCheck = (first17: string) => `${first17}${residentIdCheck(first17)}`;

describe("resident ID numbers (GB 11643-1999)", () => {
  it("accepts a valid number with an X check character", () => {
    expect(isResidentId("11010519491231002X")).toBe(true);
  });
  it("refuses a wrong check character, an impossible birth date and a wrong length", () => {
    expect(isResidentId("110105194912310021")).toBe(false);
    expect(isResidentId("110105194902300028")).toBe(false);
    expect(isResidentId("11010519491231002")).toBe(false);
  });
  it("refuses a checksum-valid number born before 1900 or in the future, or from no province", () => {
    const today = new Date("2026-12-03T00:00:00Z");
    expect(isResidentId(withCheck("11010518991231002"), today)).toBe(false);
    expect(isResidentId(withCheck("11010520261204002"), today)).toBe(false);
    expect(isResidentId(withCheck("99010519491231002"), today)).toBe(false);
    expect(isResidentId(withCheck("00010519491231002"), today)).toBe(false);
    expect(isResidentId(withCheck("11010520261203002"), today)).toBe(true);
    expect(isResidentId(withCheck("81000019900101002"), today)).toBe(true);
  });
});

describe("names", () => {
  it("are plain text: no controls, zero-width, direction or byte-order characters", () => {
    expect(isPlainName("张三")).toBe(true);
    expect(isPlainName("阿依古丽·买买提")).toBe(true);
    for (const name of [
      "\u200B\u200B",
      "张\u0000三",
      "张\n三",
      "\u202E三张",
      "张\u2067三",
      "\uFEFF张三",
      "张\u0085三",
    ])
      expect(isPlainName(name), JSON.stringify(name)).toBe(false);
  });
});

describe("unified social credit codes (GB 32100-2015)", () => {
  it("accepts the standard's examples", () => {
    expect(isCreditCode("9144030071526726XG")).toBe(true);
    expect(isCreditCode("91330100799655058B")).toBe(true);
  });
  it("refuses a wrong check character and letters outside the alphabet", () => {
    expect(isCreditCode("9144030071526726XH")).toBe(false);
    expect(isCreditCode("9144030071526726IG")).toBe(false);
  });
});
