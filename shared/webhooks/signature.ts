import { createHmac, timingSafeEqual } from "node:crypto";
import { UnauthenticatedError } from "../errors.ts";

/**
 * The 12345 hotline's webhook signature (DESIGN.md "12345 webhook signing"):
 * `X-Hotline-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`, with `X-Hotline-Timestamp` in unix
 * seconds no more than 300 s from now. The same scheme signs our callbacks to the hotline.
 */
export const SIGNATURE_HEADER = "x-hotline-signature";
export const TIMESTAMP_HEADER = "x-hotline-timestamp";
export const DELIVERY_HEADER = "x-hotline-delivery";
export const TOLERANCE_SECONDS = 300;

/**
 * The signature of a body's bytes as sent (a string is taken as its UTF-8 bytes): over the raw bytes, never over text
 * decoded from them — two different invalid byte sequences decode to the same replacement characters, and would share
 * one signature.
 */
export function sign(secret: string, timestamp: number | string, rawBody: string | Uint8Array): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex")}`;
}

/** The headers that sign `rawBody` at `now`. */
export function signedHeaders(
  secret: string,
  rawBody: string | Uint8Array,
  now: Date,
  deliveryId: string,
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [DELIVERY_HEADER]: deliveryId,
    [SIGNATURE_HEADER]: sign(secret, timestamp, rawBody),
  };
}

export class InvalidSignatureError extends UnauthenticatedError {}

/**
 * Check a signed request; throw 401 otherwise. The timestamp is inside the signed text, so an old signature cannot be
 * replayed with a fresh timestamp, and the window bounds how long a captured request can be replayed at all. The
 * comparison takes the same time whatever the bytes (no timing oracle). Headers are read case-insensitively.
 */
export function verifySignature(
  headers: Record<string, string | undefined>,
  rawBody: string | Uint8Array,
  secret: string,
  now: Date,
): void {
  const get = (name: string) =>
    Object.entries(headers)
      .find(([k]) => k.toLowerCase() === name)?.[1]
      ?.trim();
  const timestamp = get(TIMESTAMP_HEADER);
  const signature = get(SIGNATURE_HEADER);
  if (!timestamp || !signature) throw new InvalidSignatureError("The request is not signed.");
  if (!/^\d{1,12}$/.test(timestamp)) throw new InvalidSignatureError("The signature timestamp is not valid.");
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS)
    throw new InvalidSignatureError("The signature timestamp is outside the allowed window.");
  const expected = Buffer.from(sign(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidSignatureError("The signature does not match.");
}
