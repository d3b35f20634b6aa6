import * as z from "zod";
import { NOTICE_LANGUAGES } from "./domain/one-time-notice.ts";

/** The answers about consultations and one-time notices (art. 19–20, 23–24; issue 16), described once. */
export const oneTimeNoticeSchema = z
  .object({
    itemId: z.string(),
    itemCode: z.string(),
    itemName: z.string().meta({ description: "In the notice's language" }),
    guideVersion: z.number().int(),
    language: z.enum(NOTICE_LANGUAGES).meta({
      description: "`en` only when asked for (`lang=en`) and the guide has its English text (art. 15)",
    }),
    englishAvailable: z
      .boolean()
      .meta({ description: "Whether the guide version in force has an English text (`false`: say so)" }),
    title: z.string(),
    conditions: z.array(z.string()),
    materials: z.array(
      z.object({
        name: z.string().meta({ description: "The guide's (Chinese) name, the one an application uses" }),
        englishName: z.string().optional().meta({
          description: "In an English notice, the English name where the guide's English text gives one",
        }),
        required: z.boolean(),
        copies: z.number().int(),
        form: z.enum(["original", "copy", "originalOrCopy"]),
        eLicenseAccepted: z.boolean(),
        commitmentAllowed: z.boolean(),
        tolerable: z.boolean().meta({ description: "容缺受理: may be handed in after acceptance" }),
      }),
    ),
    procedure: z.array(z.string()),
    timeLimit: z.object({ committedWorkingDays: z.number().int(), statutoryWorkingDays: z.number().int() }),
    fees: z.array(z.object({ name: z.string(), amountYuan: z.number() })),
    legalBasis: z.array(z.string()),
    place: z
      .object({ centerId: z.string(), name: z.string(), address: z.string(), hours: z.array(z.string()) })
      .optional(),
    consultationPhone: z.string().optional(),
    notes: z
      .string()
      .optional()
      .meta({ description: "In an English notice, the department's further notes for foreign applicants" }),
    text: z.string().meta({ description: "The printable text, in the notice's language" }),
  })
  .meta({ id: "OneTimeNotice" });

export const consultationSchema = z
  .object({
    id: z.string(),
    centerId: z.string(),
    channel: z.enum(["onSite", "phone", "online", "hotline"]),
    applicant: z.object({ name: z.string(), phone: z.string().optional() }).optional(),
    itemId: z.string().optional(),
    question: z.string(),
    answer: z.string(),
    filingAssistance: z.boolean(),
    firstContactOwnerId: z.string(),
    recordedAt: z.string().meta({ format: "date-time" }),
    oneTimeNotice: oneTimeNoticeSchema.optional(),
  })
  .meta({ id: "Consultation" });
