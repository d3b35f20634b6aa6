import * as z from "zod";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import { CHANNELS, STATUSES } from "./domain/notification.ts";

/** The answers about notifications and contacts (issue 16), described once for the contract and its test. */
const datetime = dateTimeString;

export const notificationSchema = z
  .object({
    id: z.string(),
    applicationId: z.string().optional(),
    recipient: z.object({ kind: z.enum(["applicant", "staff"]), userId: z.string().optional() }),
    channel: z.enum(CHANNELS),
    to: z.string().optional().meta({ description: "Masked" }),
    templateKey: z.string(),
    templateVersion: z.number().int(),
    subject: z.string().optional(),
    body: z.string(),
    status: z.enum(STATUSES),
    attempts: z.number().int(),
    lastError: z.string().optional(),
    centerId: z.string().optional(),
    /** A staff warning's level, stage and due time (art. 21), beside its Chinese text. */
    warning: z
      .object({
        level: z.enum(["reminder", "yellow", "red"]),
        stage: z.string(),
        dueAt: datetime,
        applicationId: z.string().optional(),
      })
      .optional(),
    createdAt: datetime,
    updatedAt: datetime,
    version: z.number().int(),
  })
  .meta({ id: "Notification" });

export const notificationPageSchema = pageOf(notificationSchema, "NotificationPage");

/** The account's verified contacts: one mobile and one email address at most. */
export const verifiedContactsSchema = z
  .object({ sms: z.string().optional(), email: z.string().optional() })
  .meta({ id: "VerifiedContacts" });

export const contactCodeSentSchema = z
  .object({ channel: z.enum(["sms", "email"]), to: z.string(), expiresAt: datetime })
  .meta({ id: "ContactCodeSent" });
