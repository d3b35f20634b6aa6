import * as z from "zod";
import { idSchema, plainName } from "#shared/http/schemas.ts";
import type { OneTimeNotice } from "./one-time-notice.ts";

/**
 * A consultation (咨询, art. 23–24), recorded with its basic facts: channel, who asked (optional), which item, the
 * question and the answer, when, and the first-contact owner (首问负责, art. 19) — the staff member who answered.
 * Asking about an item attaches the one-time notice (一次性告知, art. 20) generated from its guide in force.
 */
export const consultationInputSchema = z.object({
  channel: z.enum(["onSite", "phone", "online", "hotline"]),
  applicant: z
    .object({
      name: plainName(50, 1),
      phone: z
        .string()
        .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, "a mobile or landline number")
        .optional(),
    })
    .optional(),
  itemId: idSchema("itm").optional(),
  question: z.string().trim().min(2).max(2000),
  answer: z.string().trim().min(2).max(4000),
  /** Filing assistance (申报辅导) given — never a hidden pre-approval (art. 24). */
  filingAssistance: z.boolean().default(false),
});
export type ConsultationInput = z.output<typeof consultationInputSchema>;

export interface Consultation extends ConsultationInput {
  id: string;
  centerId: string;
  firstContactOwnerId: string;
  recordedAt: string;
  oneTimeNotice?: OneTimeNotice;
}
