import * as z from "zod";
import { defineEvent } from "#shared/events/define-event.ts";

/** Notification events (art. 31): ids, channels and statuses — never the phone number, address or message text. */
const notificationRef = {
  notificationId: z.string(),
  applicationId: z.string().optional(),
  channel: z.enum(["sms", "email", "inbox", "call"]),
  templateKey: z.string(),
  templateVersion: z.number().int().positive(),
};

export const notificationCreated = defineEvent(
  "notification.created",
  1,
  z.object({
    ...notificationRef,
    recipient: z.enum(["applicant", "staff"]),
    createdAt: z.iso.datetime({ offset: true }),
  }),
  "An SMS or email notification must be sent again, or sent from its queue (a contact's code): the provider could not take its first attempt, made as it was written (issue 21). The sending queue retries it.",
);

export const notificationDelivered = defineEvent(
  "notification.delivered",
  1,
  z.object({
    ...notificationRef,
    attempts: z.number().int(),
    providerRef: z.string().optional(),
    deliveredAt: z.iso.datetime({ offset: true }),
  }),
  "Staff recorded a phone-call task as reached: the staff action's audit record. SMS and email outcomes are recorded on the notification itself, which staff and the applicant read.",
);

export const notificationFailed = defineEvent(
  "notification.failed",
  1,
  z.object({
    ...notificationRef,
    status: z.enum(["permanentFailure", "technicalFailure"]),
    attempts: z.number().int(),
    reason: z.string(),
    failedAt: z.iso.datetime({ offset: true }),
  }),
  "Staff recorded a phone-call task as not reachable for good: the staff action's audit record.",
);

/**
 * Only what a queue consumes, or what records a person's action: the outcome of an SMS or email is on the notification
 * item, not in events nobody consumed at four write units each (issue 21).
 */
export const notificationEvents = [notificationCreated, notificationDelivered, notificationFailed] as const;
