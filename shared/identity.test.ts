import { describe, expect, it } from "vitest";
import { isCreditCode, isResidentId } from "./identity.ts";

describe("resident ID numbers (GB 11643-1999)", () => {
  it("accepts a valid number with an X check character", () => {
    expect(isResidentId("11010519491231002X")).toBe(true);
  });
  it("refuses a wrong check character, an impossible birth date and a wrong length", () => {
    expect(isResidentId("110105194912310021")).toBe(false);
    expect(isResidentId("110105194902300028")).toBe(false);
    expect(isResidentId("11010519491231002")).toBe(false);
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
