import * as z from "zod";
import { pageOf } from "#shared/http/schemas.ts";
import { staffInputSchema, trainingSchema } from "./domain/staff.ts";

/**
 * The answers about the staff roster (art. 43–50; issue 16), described once. ID and phone numbers come masked in lists
 * and write answers, so they are plain strings here, never the input's checks.
 */
export const staffMemberSchema = staffInputSchema
  .omit({ idNumber: true, phone: true })
  .safeExtend({
    idNumber: z.string().optional().meta({ description: "Masked except where the role needs it" }),
    phone: z.string().optional(),
    id: z.string(),
    training: z.array(trainingSchema),
    version: z.number().int(),
    updatedAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "StaffMember" });

export const staffPageSchema = pageOf(staffMemberSchema, "StaffPage");

/** The public card a window shows (art. 52(二)): who serves here, and nothing personal. */
export const staffCardSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    duty: z.string(),
    role: z.string(),
    centerId: z.string(),
    departmentId: z.string().optional(),
    window: z.string().optional().meta({ description: "The window's code" }),
  })
  .meta({ id: "StaffCard" });
