import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import { RuleViolationError } from "#shared/errors.ts";

/**
 * An applicant account's verified contacts (issue 15): where the official sender sends an online applicant's messages.
 * A phone number or an email address becomes the account's only after the code sent to it is entered back — so
 * nobody can aim the government's SMS and emails at a stranger by typing their number into an application. What a
 * clerk records at the window is used as given (the clerk saw the applicant).
 */
export const CONTACT_CHANNELS = ["sms", "email"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const contactInputSchema = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("sms"), to: z.string().regex(/^1[3-9]\d{9}$/, "a mainland mobile number") }),
  z.object({ channel: z.literal("email"), to: z.email().max(200).toLowerCase() }),
]);
export type ContactInput = z.output<typeof contactInputSchema>;

export const confirmContactSchema = z.intersection(
  contactInputSchema,
  z.object({ code: z.string().regex(/^\d{6}$/, "the 6-digit code") }),
);

export interface PendingVerification {
  channel: ContactChannel;
  to: string;
  codeSha256: string;
  expiresAt: string;
  wrong: number;
}

/** Minutes a code is good for, and wrong codes before it is spent. */
export const CODE_MINUTES = 10;
export const MAX_WRONG = 5;

export function newCode(): { code: string; codeSha256: string } {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  return { code, codeSha256: sha256(code) };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Whether `code` is the one sent (constant time), refusing an expired or spent verification with a 422 naming `code`. */
export function checkCode(pending: PendingVerification | undefined, code: string, now: Date): boolean {
  const refuse = (rule: string, message: string) => {
    throw new RuleViolationError(rule, message, [{ path: ["code"], message }]);
  };
  if (!pending) refuse("no-verification", "No code was sent to this contact: ask for one first.");
  if (now.getTime() >= Date.parse(pending!.expiresAt))
    refuse("code-expired", "The code has expired: ask for a new one.");
  if (pending!.wrong >= MAX_WRONG) refuse("code-spent", "Too many wrong codes: ask for a new one.");
  const given = Buffer.from(sha256(code));
  return timingSafeEqual(given, Buffer.from(pending!.codeSha256));
}
