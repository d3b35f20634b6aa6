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
  "A notification was written for a recipient and channel; SMS and email ones go to the sending queue.",
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
  "The provider accepted the message (or the call reached the applicant, or the inbox holds it).",
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
  "A notification could not be delivered: refused for good by the provider, or every retry failed.",
);

export const notificationEvents = [notificationCreated, notificationDelivered, notificationFailed] as const;
