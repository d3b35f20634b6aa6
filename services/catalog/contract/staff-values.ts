import * as z from "zod";
import { idSchema, plainName } from "#shared/http/schemas.ts";
import { ROLES } from "#shared/auth/roles.ts";
import { isResidentId } from "#shared/identity.ts";

/**
 * A roster entry and its training (art. 43–50), as the catalog publishes them.
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

const isoDate = z.iso.date();

/** Employment types of people working in a center (art. 43: civil servants or staff meeting the post's requirements). */
export const EMPLOYMENT_TYPES = ["civilServant", "institutionStaff", "contract", "outsourced"] as const;

export const STAFF_ROLES = ROLES.filter((r) => r !== "applicant") as Exclude<
  (typeof ROLES)[number],
  "applicant"
>[];

export const trainingSchema = z.object({
  date: isoDate,
  topic: z.string().trim().min(2).max(200),
  hours: z.number().positive().max(200),
});

/** The roster entry (art. 43–50). `idNumber` and `phone` are personal data: masked in lists and never on the card. */
export const staffInputSchema = z.object({
  name: plainName(50),
  role: z.enum(STAFF_ROLES as [string, ...string[]]),
  centerId: idSchema("ctr"),
  departmentId: idSchema("dep").optional(),
  windowId: idSchema("win").optional(),
  /** What the public card says this person does (art. 52(二)), e.g. 综合受理. */
  duty: z.string().trim().min(2).max(100),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  stationedOn: isoDate,
  /** New window clerks: two months under an experienced colleague before working alone (art. 49; DOMAIN.md). */
  internship: z.object({ startedOn: isoDate, supervisorId: idSchema("stf") }).optional(),
  examPassedOn: isoDate.optional(),
  /** 行政办事员 national vocational levels: 5 (entry) … 1 (highest), art. 50. */
  qualificationLevel: z.number().int().min(1).max(5).optional(),
  /** A key approval post, subject to rotation (DOMAIN.md "Staff"). */
  keyPost: z.boolean().default(false),
  /**
   * The head of their department (负责人, or a deputy the department authorised): the person whose approval extends a
   * decision period (行政许可法 art. 42). Only an approver or chief representative of a department.
   */
  head: z.boolean().default(false),
  idNumber: z.string().refine(isResidentId, "not a valid resident ID number (GB 11643)").optional(),
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/, "a mainland mobile number")
    .optional(),
  /** The identity (token `sub`) this person signs in with. */
  userId: z.string().min(1).max(128).optional(),
});
export type StaffInput = z.output<typeof staffInputSchema>;
