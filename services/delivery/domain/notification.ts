import { InvalidTransitionError } from "#shared/errors.ts";

export const CHANNELS = ["sms", "email", "inbox", "call"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Sends per hour a recipient (a phone number, an email address) and an applicant account may get (policy: Beijing's
 * own services send a handful of messages per case, spread over days).
 */
export interface SendLimits {
  perRecipientPerHour: number;
  perAccountPerHour: number;
}
export const DEFAULT_SEND_LIMITS: SendLimits = { perRecipientPerHour: 6, perAccountPerHour: 20 };

/**
 * A notification's life: created → delivered, or a failure. Each attempt writes its outcome once, after the provider
 * answered: delivered; a temporary failure, tried again on the queue's next delivery; refused for good
 * (`permanentFailure`); every attempt failed (`technicalFailure`, the message in the DLQ). An attempt that died before
 * writing its outcome leaves the status as it was, and the next delivery tries again (the provider dedups by
 * notification id where it can). `sending` is what attempts wrote before they wrote only their outcome (issue 21:
 * one write per attempt, not two); notifications left in it are taken up like any unfinished one.
 */
export const STATUSES = [
  "created",
  "sending",
  "delivered",
  "temporaryFailure",
  "permanentFailure",
  "technicalFailure",
  "rateLimited",
] as const;
export type NotificationStatus = (typeof STATUSES)[number];

/** Where an attempt can end. */
const OUTCOMES = ["delivered", "temporaryFailure", "permanentFailure", "technicalFailure"] as const;

const allowed: Record<NotificationStatus, readonly NotificationStatus[]> = {
  // `rateLimited`: not sent, because the recipient or the account had too many messages this hour (issue 15: the
  // official sender cannot be turned on someone). Final: staff see it; the inbox still has the message.
  created: [...OUTCOMES, "rateLimited"],
  sending: OUTCOMES,
  temporaryFailure: OUTCOMES,
  delivered: [],
  permanentFailure: [],
  rateLimited: [],
  // Every attempt failed and the message went to the DLQ: an operator's redrive, once the provider works again, is a
  // deliberate new try (docs/runbook.md) — the only way such a notification is attempted again. Delivered and
  // refused-for-good are final.
  technicalFailure: OUTCOMES,
};

export function moveTo(from: NotificationStatus, to: NotificationStatus): NotificationStatus {
  if (!allowed[from].includes(to)) throw new InvalidTransitionError(from, to);
  return to;
}

export const isFinal = (status: NotificationStatus) => allowed[status].length === 0;

/** A tiered warning as staff inboxes carry it: which level, which stage's clock, due when, on which case. */
export interface StaffWarning {
  level: "reminder" | "yellow" | "red";
  stage: string;
  dueAt: string;
  applicationId?: string;
}

export interface Notification {
  id: string;
  applicationId?: string;
  recipient: { kind: "applicant" | "staff"; userId?: string };
  channel: Channel;
  /** Phone or email for SMS, email and calls — personal data: masked in lists and logs. */
  to?: string;
  templateKey: string;
  templateVersion: number;
  subject?: string;
  body: string;
  status: NotificationStatus;
  attempts: number;
  providerRef?: string;
  lastError?: string;
  sourceEventId: string;
  centerId?: string;
  /** A staff warning's facts, for a console to sort and colour by (the text says the same in Chinese, art. 21). */
  warning?: StaffWarning;
  createdAt: string;
  updatedAt: string;
  version: number;
}
