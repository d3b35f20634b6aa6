import * as z from "zod";

/** The channels an applicant can be told about a case through (art. 31); a phone call is a task for staff. */
export const NOTIFICATION_CHANNELS = ["sms", "email", "inbox", "call"] as const;

export const notificationPreferencesSchema = z.object({
  channels: z.array(z.enum(NOTIFICATION_CHANNELS)).min(1).max(4),
  /** For SMS and calls; defaults to the applicant's (or the organisation contact's) mobile. */
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/, "a mainland mobile number")
    .optional(),
  email: z.email().max(200).optional(),
});
export type NotificationPreferences = z.output<typeof notificationPreferencesSchema>;
