import { describe, expect, it } from "vitest";
import { sign, signedHeaders, verifySignature, InvalidSignatureError } from "./signature.ts";

const secret = "test-secret";
const now = new Date("2026-05-11T01:00:00Z");
const body = JSON.stringify({ orderNo: "BJ2026051100001" });

describe("hotline webhook signature", () => {
  it("accepts what it signed, whatever the header case", () => {
    const headers = signedHeaders(secret, body, now, "dlv-1");
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(() => verifySignature(headers, body, secret, now)).not.toThrow();
    expect(() => verifySignature(upper, body, secret, now)).not.toThrow();
  });

  it("matches HMAC-SHA256 over '<timestamp>.<raw body>' (a known vector)", () => {
    // echo -n '1778461200.{}' | openssl dgst -sha256 -hmac test-secret
    expect(sign(secret, 1778461200, "{}")).toBe(
      "sha256=f38fad30714a9d261ec261dfabc366287f369c6631236a4fdadcf11596e4e66c",
    );
    expect(sign(secret, 1, "a")).not.toBe(sign(secret, 2, "a"));
    expect(sign(secret, 1, "a")).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it.each([
    ["a changed body", (h: Record<string, string>) => ({ headers: h, body: body + " " })],
    ["another secret", (h: Record<string, string>) => ({ headers: h, body, secret: "other" })],
    ["no signature", (h: Record<string, string>) => ({ headers: { ...h, "x-hotline-signature": "" }, body })],
    ["no timestamp", (h: Record<string, string>) => ({ headers: { ...h, "x-hotline-timestamp": "" }, body })],
    [
      "a timestamp not signed",
      (h: Record<string, string>) => ({
        headers: { ...h, "x-hotline-timestamp": String(Number(h["x-hotline-timestamp"]) + 1) },
        body,
      }),
    ],
    [
      "a timestamp that is not a number",
      (h: Record<string, string>) => ({ headers: { ...h, "x-hotline-timestamp": "1e9" }, body }),
    ],
  ])("refuses %s", (_, change) => {
    const c = change(signedHeaders(secret, body, now, "dlv-1"));
    expect(() =>
      verifySignature(c.headers, c.body, "secret" in c ? (c.secret as string) : secret, now),
    ).toThrow(InvalidSignatureError);
  });

  it("refuses a timestamp more than 300 s away, either way, and accepts one at the edge", () => {
    const signedAt = (offsetS: number) =>
      signedHeaders(secret, body, new Date(now.getTime() + offsetS * 1000), "d");
    expect(() => verifySignature(signedAt(-301), body, secret, now)).toThrow(/window/);
    expect(() => verifySignature(signedAt(301), body, secret, now)).toThrow(/window/);
    expect(() => verifySignature(signedAt(-300), body, secret, now)).not.toThrow();
  });
});
