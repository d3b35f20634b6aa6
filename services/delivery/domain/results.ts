import { randomInt, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import {
  ForbiddenError,
  InvalidTransitionError,
  RuleViolationError,
  type FieldIssue,
} from "#shared/errors.ts";
import { maskPhone } from "#shared/personal-data.ts";
import { documentDigest } from "#shared/signing/canonical.ts";
import type { SealPort } from "#shared/signing/signing-port.ts";
import { DELIVERY_METHODS } from "../contract/result-values.ts";

export { DELIVERY_METHODS };

/**
 * Result delivery (结果送达, art. 32): how a decided case's result — the sealed decision and, for an approval, the
 * e-license (电子证照, art. 36) — reaches the applicant: window pickup (窗口领取), electronic push (电子文书推送),
 * self-service locker (自助领取) or mail (邮寄). Pure rules: no I/O.
 */

// ——— Methods ———

export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
/** How the applicant reads each method in a message. */
export const METHOD_NAMES: Record<DeliveryMethod, string> = {
  window: "窗口领取",
  electronic: "电子送达",
  locker: "自助柜领取",
  mail: "邮寄送达",
};

export const isDeliveryMethod = (value: string): value is DeliveryMethod =>
  (DELIVERY_METHODS as readonly string[]).includes(value);

/** The applicant may only choose what the item's guide offers (art. 20: the guide is the promise). */
export function checkMethodOffered(method: DeliveryMethod, offered: readonly DeliveryMethod[]): void {
  if (!offered.includes(method)) {
    throw new RuleViolationError(
      "method-not-offered",
      `The item's guide does not offer delivery by ${method}; it offers: ${offered.join(", ")}.`,
      [{ path: ["method"], message: `not offered by the item's guide (offered: ${offered.join(", ")})` }],
      { offered },
    );
  }
}

// ——— The state machine ———

/**
 * - `awaitingChoice`: opened on the decision; the applicant has not chosen yet (or chooses again after a return).
 * - `readyForPickup`: window pickup, the pickup code issued.
 * - `inLocker`: loaded into a locker compartment, with its code, until the hold expires.
 * - `awaitingDispatch`: mail chosen, address given; the center has not sent it yet.
 * - `dispatched`: handed to the carrier — no change of method any more.
 * - `returned`: the parcel came back; the applicant chooses again.
 * - `completed`: handed over, picked up, delivered or pushed electronically. Final.
 */
export const DELIVERY_STATES = [
  "awaitingChoice",
  "readyForPickup",
  "inLocker",
  "awaitingDispatch",
  "dispatched",
  "returned",
  "completed",
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DELIVERY_COMMANDS = [
  "chooseWindow",
  "chooseLocker",
  "chooseMail",
  "pushElectronic",
  "handOver",
  "pickUpFromLocker",
  "dispatch",
  "recordDelivered",
  "recordReturned",
] as const;
export type DeliveryCommand = (typeof DELIVERY_COMMANDS)[number];

/** Choosing (or changing) the method: allowed until the result is handed over or dispatched. */
const choose = {
  chooseWindow: "readyForPickup",
  chooseLocker: "inLocker",
  chooseMail: "awaitingDispatch",
  pushElectronic: "completed",
} as const;

/** What each state allows, as data; anything else is refused (InvalidTransitionError → 409). */
export const transitions = {
  awaitingChoice: { ...choose },
  readyForPickup: { ...choose, handOver: "completed" },
  inLocker: { ...choose, pickUpFromLocker: "completed" },
  awaitingDispatch: { ...choose, dispatch: "dispatched" },
  dispatched: { recordDelivered: "completed", recordReturned: "returned" },
  returned: { ...choose },
  completed: {},
} as const satisfies Record<DeliveryState, Partial<Record<DeliveryCommand, DeliveryState>>>;

export function nextDeliveryState(state: DeliveryState, command: DeliveryCommand): DeliveryState {
  const next = (transitions[state] as Partial<Record<DeliveryCommand, DeliveryState>>)[command];
  if (!next) throw new InvalidTransitionError(state, command);
  return next;
}

/** The command that chooses each method. */
export const chooseCommand = {
  window: "chooseWindow",
  locker: "chooseLocker",
  mail: "chooseMail",
  electronic: "pushElectronic",
} as const satisfies Record<DeliveryMethod, DeliveryCommand>;

// ——— Input: choosing a method, handing over ———

/** Mainland mobile (DOMAIN.md, "Identity and input validation"). */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

const place = (max: number) => z.string().trim().min(2, "required").max(max);

/** A mailing address in mainland China; every bad field is reported at once. */
export const mailAddressSchema = z.object({
  recipient: z.string().trim().min(2, "the recipient's name").max(50),
  phone: z.string().trim().regex(MAINLAND_MOBILE, "a mainland mobile number (11 digits starting 13–19)"),
  province: place(20),
  city: place(30),
  district: place(30),
  street: z.string().trim().min(4, "street, building and room").max(200),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "a 6-digit postcode"),
});
export type MailAddress = z.output<typeof mailAddressSchema>;

/** Validate an address as the API does; issues are prefixed with `at` (the address's place in the body). */
export function validateMailAddress(
  input: unknown,
  at: (string | number)[] = ["address"],
): { address: MailAddress; issues: [] } | { address?: undefined; issues: FieldIssue[] } {
  const parsed = mailAddressSchema.safeParse(input);
  if (parsed.success) return { address: parsed.data, issues: [] };
  return {
    issues: parsed.error.issues.map((i) => ({
      path: [...at, ...i.path.map((p) => (typeof p === "number" ? p : String(p)))],
      message: i.message,
    })),
  };
}

/** A self-service locker's id as its plate shows it (e.g. `HD-A01`). */
export const lockerIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, "a locker id (letters, digits, hyphens)");

export const chooseMethodSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("window") }),
  z.object({ method: z.literal("electronic") }),
  z.object({ method: z.literal("locker"), lockerId: lockerIdSchema }),
  z.object({ method: z.literal("mail"), address: mailAddressSchema }),
]);
export type ChooseMethod = z.output<typeof chooseMethodSchema>;

export const IDENTITY_CHECKS = ["idCard", "faceRecognition", "authorizationLetter"] as const;

/** How the clerk made sure the person collecting is the applicant or acts for them (委托书: name the agent). */
export const identityCheckSchema = z
  .object({
    method: z.enum(IDENTITY_CHECKS),
    note: z.string().trim().min(2).max(200).optional(),
  })
  .refine((c) => c.method !== "authorizationLetter" || c.note !== undefined, {
    path: ["note"],
    message: "name the agent who collects with an authorization letter",
  });
export type IdentityCheck = z.output<typeof identityCheckSchema>;

/** Pickup and locker codes: `CODE_DIGITS` decimal digits. */
export const CODE_DIGITS = 6;
export const codeSchema = z.string().regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), `${CODE_DIGITS} digits`);

/** A pickup or locker code: uniformly random decimal digits from the CSPRNG (leading zeros kept). */
export function pickupCode(digits = CODE_DIGITS): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, "0");
}

/** Whether a presented code is the issued one, in constant time. */
export function codesMatch(issued: string, presented: string): boolean {
  const a = Buffer.from(issued, "utf8");
  const b = Buffer.from(presented, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A wrong code is a business refusal naming the field (422), not a malformed request. */
export function wrongCode(field: "pickupCode" | "code", left: number): RuleViolationError {
  return new RuleViolationError(
    "code-mismatch",
    `${field === "pickupCode" ? "The pickup code does not match." : "The locker code does not match."} ${left} more wrong ${left === 1 ? "try locks" : "tries lock"} it.`,
    [{ path: [field], message: "does not match the code issued" }],
    { triesLeft: left },
  );
}

/**
 * Six digits are a million codes: guessable without a limit. After this many wrong ones in a row the code is locked
 * (issue 15): no code is taken any more until a new one is issued by choosing the method again (the applicant signed
 * in, or a clerk after checking identity), and the applicant is told.
 */
export const MAX_WRONG_CODES = 5;

export class CodeLockedError extends RuleViolationError {
  constructor(field: "pickupCode" | "code", lockedAt: string) {
    super(
      "code-locked",
      "Too many wrong codes: this code is locked. Choose the pickup method again for a new code (the applicant, or a clerk after checking identity).",
      [{ path: [field], message: "locked after too many wrong codes" }],
      { lockedAt },
    );
  }
}

/** The delivery after a wrong code: one more failure, locked at the limit. */
export function afterWrongCode(d: ResultDelivery, at: string): ResultDelivery {
  const wrong = (d.codeGuard?.wrong ?? 0) + 1;
  return {
    ...d,
    codeGuard: { wrong, ...(wrong >= MAX_WRONG_CODES ? { lockedAt: at } : {}) },
    version: d.version + 1,
    updatedAt: at,
  };
}

// ——— The delivery record ———

/** The sealed decision as review issued it (a copy: delivery never reads review's table). */
export interface DecisionDocument {
  id: string;
  number: string;
  title: string;
  body: string[];
  issuedAt: string;
  sealName: string;
  sha256: string;
}

/** 电子证照 (art. 36): issued with an approval, reused by later applications instead of paper. */
export interface ELicense {
  id: string;
  /** The item's name: what the license attests. */
  licenseType: string;
  number: string;
  /** The resident ID number or unified social credit code it is issued to (personal data for a person). */
  holder: string;
  issuedAt: string;
  applicationId: string;
  itemId: string;
  centerId: string;
  /** The decision document that grants it. */
  documentId: string;
}

export interface ResultDelivery {
  id: string;
  applicationId: string;
  centerId: string;
  departmentId: string;
  itemId: string;
  /** The applicant account that owns the case, when it has one: it may choose and see codes and links. */
  ownerId?: string;
  decision: "approved" | "denied";
  document: DecisionDocument;
  eLicense?: ELicense;
  /** What the item's guide (the version the application followed) offers. */
  offeredMethods: DeliveryMethod[];
  state: DeliveryState;
  method?: DeliveryMethod;
  window?: { pickupCode: string; issuedAt: string };
  locker?: { lockerId: string; compartment: number; code: string; loadedAt: string; expiresAt: string };
  electronic?: {
    /** The link's id (`jti`), and the key that signed it: a token is checked against the link it claims to be. */
    linkId: string;
    path: string;
    keyId: string;
    algorithm: string;
    pushedAt: string;
    expiresAt: string;
  };
  mail?: {
    address: MailAddress;
    carrier?: string;
    trackingNumber?: string;
    dispatchedAt?: string;
    outcome?: "delivered" | "returned";
    outcomeAt?: string;
    note?: string;
  };
  /** Wrong pickup or locker codes in a row since the code was issued, and when that locked it. */
  codeGuard?: { wrong: number; lockedAt?: string };
  /** Who gave the result out, when, and (at a window) how identity was checked. */
  handover?: { by: string; role: string; at: string; identityCheck?: IdentityCheck };
  completedAt?: string;
  openedAt: string;
  version: number;
  updatedAt: string;
}

/** When the method that completes a delivery made its result ready (its `delivery.ready`), if it announced one. */
export function readyAtOf(d: ResultDelivery, method: DeliveryMethod): string | undefined {
  switch (method) {
    case "window":
      return d.window?.issuedAt;
    case "locker":
      return d.locker?.loadedAt;
    case "electronic":
      return d.electronic?.pushedAt;
    case "mail":
      return d.mail?.dispatchedAt;
  }
}

/** One delivery per application: its id follows from the application's, so a redelivered decision opens nothing new. */
export const deliveryIdOf = (applicationId: string) =>
  `dlv_${applicationId.slice(applicationId.indexOf("_") + 1)}`;

/** E-license numbers: one gap-free sequence per year across Beijing (`BJEL-2026-00000001`). */
export const eLicenseNumber = (year: number, sequence: number) =>
  `BJEL-${year}-${String(sequence).padStart(8, "0")}`;

// ——— Masking (DOMAIN.md: personal data masked in list views) ———

/** 王*明 / 李* — the first and last character of a name. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** A mailing address as a list shows it: region kept, name, phone and street masked. */
export function maskAddress(a: MailAddress): MailAddress {
  const street = [...a.street];
  return {
    ...a,
    recipient: maskName(a.recipient),
    phone: maskPhone(a.phone),
    street: `${street.slice(0, Math.min(3, street.length - 1)).join("")}****`,
  };
}

/** A resident ID as 110105********002X; a credit code (an organisation, not personal data) stays. */
export function maskHolder(holder: string): string {
  return /^\d{17}[\dXx]$/.test(holder) ? `${holder.slice(0, 6)}********${holder.slice(14)}` : holder;
}

// ——— Instructions for the applicant (Chinese first; the notification sends them as they are) ———

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** 2026年12月1日14:05 (Beijing time). */
export function beijingDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日${hh}:${mm}`;
}

/** 7日 for whole days, else hours. */
export const durationText = (hours: number) => (hours % 24 === 0 ? `${hours / 24}日` : `${hours}小时`);

export const instructions = {
  window: (code: string, centerName: string) => `请凭取件码${code}到${centerName}领取`,
  locker: (l: { lockerId: string; compartment: number; code: string; expiresAt: string }) =>
    `请于${beijingDateTime(l.expiresAt)}前在自助柜${l.lockerId}的${l.compartment}号格口凭取件码${l.code}领取`,
  electronic: (path: string, hours: number) => `电子结果已推送，链接${durationText(hours)}内有效：${path}`,
  mail: (carrier: string, trackingNumber: string) => `已通过${carrier}寄出，运单号${trackingNumber}`,
};

// ——— Result links: signed, expiring tokens (GET /v1/results/{token}) ———

/**
 * What a result link says: which case (`app`), which push (`jti`, the link id kept on the delivery), and until when
 * (`exp`, Unix seconds, on the business clock). Version `v` 1.
 */
export const resultLinkPayloadSchema = z
  .object({
    v: z.literal(1),
    app: z.string().regex(/^app_[0-9A-HJKMNP-TV-Z]{26}$/),
    jti: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    exp: z.number().int().positive(),
  })
  .strict();
export type ResultLinkPayload = z.output<typeof resultLinkPayloadSchema>;

/**
 * Token format: `<payload>.<signature>`, both base64url without padding. `payload` is the canonical JSON (sorted
 * members, no whitespace) of the payload; `signature` is the raw signature bytes of the links key over the SHA-256 of
 * that JSON (ECDSA P-256 DER, or SM2 over the SM3 digest where SEAL_ALGORITHM is SM2DSA; KMS in AWS, the same algorithm locally). The key id and algorithm are not in the token: the
 * delivery records them when it pushes the link, and verification uses those (keeps SMS links short, and a token
 * cannot choose the key it is checked with).
 */
const B64URL = /^[A-Za-z0-9_-]+$/;

export function encodeLinkPayload(payload: ResultLinkPayload): string {
  return Buffer.from(documentDigest(payload).canonical, "utf8").toString("base64url");
}

/** Strict: only the exact canonical encoding of a valid payload decodes (no padding, no other spellings). */
export function decodeLinkToken(
  token: string,
): { payload: ResultLinkPayload; signature: string; digest: Buffer } | undefined {
  const parts = token.split(".");
  if (parts.length !== 2) return undefined;
  const [encoded, sig] = parts as [string, string];
  if (!B64URL.test(encoded) || !B64URL.test(sig)) return undefined;
  const signatureBytes = Buffer.from(sig, "base64url");
  if (signatureBytes.length === 0 || signatureBytes.toString("base64url") !== sig) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = resultLinkPayloadSchema.safeParse(json);
  if (!parsed.success || encodeLinkPayload(parsed.data) !== encoded) return undefined;
  return {
    payload: parsed.data,
    signature: signatureBytes.toString("base64"),
    digest: documentDigest(parsed.data).digest,
  };
}

/** Sign a link with the links key; the caller keeps `keyId` and `algorithm` on the delivery. */
export async function signResultLink(
  payload: ResultLinkPayload,
  port: Pick<SealPort, "sign">,
): Promise<{ token: string; keyId: string; algorithm: string }> {
  const parsed = resultLinkPayloadSchema.parse(payload);
  const seal = await port.sign(documentDigest(parsed).digest);
  const signature = Buffer.from(seal.signature, "base64").toString("base64url");
  return { token: `${encodeLinkPayload(parsed)}.${signature}`, keyId: seal.keyId, algorithm: seal.algorithm };
}

/** The payload of a token whose signature is the given key's over it; undefined for anything else. */
export async function verifyResultLink(
  token: string,
  port: Pick<SealPort, "verify">,
  signer: { keyId: string; algorithm: string },
): Promise<ResultLinkPayload | undefined> {
  const decoded = decodeLinkToken(token);
  if (!decoded) return undefined;
  const valid = await port.verify(decoded.digest, {
    keyId: signer.keyId,
    algorithm: signer.algorithm,
    signature: decoded.signature,
  });
  return valid ? decoded.payload : undefined;
}

/** Unix seconds `hours` after `from`. */
export const linkExpiry = (from: Date, hours: number) => Math.floor(from.getTime() / 1000) + hours * 3600;

/** A link is valid strictly before its `exp`. */
export const linkExpired = (payload: Pick<ResultLinkPayload, "exp">, now: Date) =>
  now.getTime() >= payload.exp * 1000;

/**
 * A result link that is not ours or was altered (403: no credential would help, and 401 would invite a bearer token).
 * The problem `type` tells it apart from an expired one.
 */
export class ResultLinkInvalidError extends ForbiddenError {
  override readonly code: string = "result-link-invalid";
  constructor() {
    super("This result link is not valid. Ask the service center for the result or a new link.");
  }
}

/**
 * A genuine link past its validity (403 with its own problem `type` and `expiredAt`; HTTP 410 would fit as well, but
 * the platform's error table has no Gone error).
 */
export class ResultLinkExpiredError extends ForbiddenError {
  override readonly code: string = "result-link-expired";
  constructor(expiredAt: string) {
    super(
      `This result link expired at ${beijingDateTime(expiredAt)} (Beijing time). The applicant can read the result in their account or ask the service center.`,
      { expiredAt },
    );
  }
}
