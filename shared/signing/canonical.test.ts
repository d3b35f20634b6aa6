import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, documentDigest, sha256Hex } from "./canonical.ts";

/** The same JSON value with every object's members in the reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

describe("canonicalJson", () => {
  it("writes the same text whatever the order of object members, sorted and without whitespace", () => {
    // Arrange
    const a = {
      issuedAt: "2026-03-02T10:00:00+08:00",
      body: { title: "准予行政许可决定书", lines: [2, 1] },
      n: 1,
    };
    const b = {
      n: 1,
      body: { lines: [2, 1], title: "准予行政许可决定书" },
      issuedAt: "2026-03-02T10:00:00+08:00",
    };
    // Act / Assert
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe(
      '{"body":{"lines":[2,1],"title":"准予行政许可决定书"},"issuedAt":"2026-03-02T10:00:00+08:00","n":1}',
    );
  });

  it("is order-independent and stable for any JSON value, and parses back to the same data", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reversed(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("matches RFC 8785's own examples (§3.2.2 values, §3.2.3 member order)", () => {
    const values = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(values)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    const order = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
        '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    );
    // Read the order from the text: JSON.parse would put the integer-like key "1" first again.
    const inTextOrder = [...canonicalJson(order).matchAll(/":"([^"]+)"/g)].map((m) => m[1]);
    expect(inTextOrder).toEqual([
      "Carriage Return",
      "One",
      "Control",
      "Latin Small Letter O With Diaeresis",
      "Euro Sign",
      "Emoji: Grinning Face",
      "Hebrew Letter Dalet With Dagesh",
    ]);
  });

  it("drops undefined members, writes undefined array elements as null and dates as ISO strings", () => {
    expect(
      canonicalJson({ a: undefined, b: [undefined, 1], c: new Date("2026-03-02T02:00:00Z"), d: -0 }),
    ).toBe('{"b":[null,1],"c":"2026-03-02T02:00:00.000Z","d":0}');
  });

  it("accepts an object referenced twice, which is no cycle", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it.each([
    ["NaN", { n: Number.NaN }],
    ["Infinity", { n: Number.POSITIVE_INFINITY }],
    ["a bigint", { n: 1n }],
    ["a Map", { m: new Map([["k", 1]]) }],
    ["a Set", { s: new Set([1]) }],
    ["a lone surrogate", { s: "\ud800x" }],
    ["undefined at the top", undefined],
  ])("refuses %s rather than sealing something JSON would change", (_, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it("refuses a cycle", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(/refers back to itself/);
  });
});

describe("sha256Hex", () => {
  it("hashes the UTF-8 bytes (FIPS 180-2 vector, and Chinese text)", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // 政 U+653F, 务 U+52A1 in UTF-8.
    const utf8 = Buffer.from([0xe6, 0x94, 0xbf, 0xe5, 0x8a, 0xa1]);
    expect(sha256Hex("政务")).toBe(createHash("sha256").update(utf8).digest("hex"));
  });

  it("changes when one byte of the canonical document changes", () => {
    const { canonical, sha256, digest } = documentDigest({ decision: "approved", number: "2026-R000001" });
    const tampered = canonical.replace("2026-R000001", "2026-R000002");
    expect(Buffer.byteLength(tampered)).toBe(Buffer.byteLength(canonical));
    expect(sha256Hex(tampered)).not.toBe(sha256);
    expect(digest.toString("hex")).toBe(sha256);
    expect(digest).toHaveLength(32);
  });
});
