import { describe, expect, it } from "vitest";
import { fixedClock } from "./clock.ts";
import { isId, ulidIds } from "./ids.ts";

describe("prefixed ULIDs", () => {
  it("are prefixed, valid and increase even within one millisecond", () => {
    const ids = ulidIds(fixedClock("2026-11-25T00:00:00Z"));
    const a = ids.next("app");
    const b = ids.next("app");
    expect(isId(a, "app")).toBe(true);
    expect(b > a).toBe(true);
  });

  it("refuse a malformed prefix", () => {
    expect(() => ulidIds(fixedClock("2026-11-25T00:00:00Z")).next("Application")).toThrow();
  });
});
