import { describe, expect, it } from "vitest";
import { fixedClock } from "./clock.ts";
import { isId, keyedIds, ulidIds } from "./ids.ts";

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

describe("ids made from an Idempotency-Key (issue 15)", () => {
  it("are the same for the same request sent again, different for another key, and valid ids", () => {
    // Act: a first attempt and its retry each make an application id, two event ids and a document id
    const make = (seed: string) => {
      const ids = keyedIds(seed);
      return [ids.next("app"), ids.next("evt"), ids.next("evt"), ids.next("doc")];
    };
    const first = make("POST /v1/applications\u0000usr_1:key-1");
    const retry = make("POST /v1/applications\u0000usr_1:key-1");
    const other = make("POST /v1/applications\u0000usr_2:key-1");

    // Assert
    expect(retry).toEqual(first);
    expect(first.every((id, i) => isId(id, ["app", "evt", "evt", "doc"][i]))).toBe(true);
    expect(new Set(first).size).toBe(4);
    expect(other.some((id, i) => id === first[i])).toBe(false);
  });
});
