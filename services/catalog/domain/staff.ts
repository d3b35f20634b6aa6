import * as z from "zod";
import { idSchema, plainName } from "#shared/http/schemas.ts";
import { ROLES } from "#shared/auth/roles.ts";
import { ValidationError } from "#shared/errors.ts";
import { maskForList } from "#shared/personal-data.ts";
import { isResidentId } from "#shared/identity.ts";

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

export interface StaffMember extends StaffInput {
  id: string;
  training: z.output<typeof trainingSchema>[];
  version: number;
  updatedAt: string;
}

/**
 * An assignment change is a filing with the administration (art. 46): where someone works, for which department,
 * in which role and at which window, and whether the post is a key one.
 */
export const assignmentChangeSchema = z.object({
  centerId: idSchema("ctr").optional(),
  departmentId: idSchema("dep").nullable().optional(),
  role: z.enum(STAFF_ROLES as [string, ...string[]]).optional(),
  windowId: idSchema("win").nullable().optional(),
  duty: z.string().trim().min(2).max(100).optional(),
  keyPost: z.boolean().optional(),
  head: z.boolean().optional(),
  effectiveOn: isoDate,
  reason: z.string().trim().min(2).max(500),
});
export type AssignmentChange = z.output<typeof assignmentChangeSchema>;

/** Approvers and chief representatives act for a department (art. 42–44). */
export function checkStaffShape(
  staff: Pick<StaffInput, "role" | "departmentId"> & { head?: boolean },
  prefix: string[] = [],
): void {
  if ((staff.role === "approver" || staff.role === "chiefRep") && !staff.departmentId) {
    throw new ValidationError([
      { path: [...prefix, "departmentId"], message: `a ${staff.role} belongs to a department` },
    ]);
  }
  if (staff.head && !(staff.role === "approver" || staff.role === "chiefRep")) {
    throw new ValidationError([
      {
        path: [...prefix, "head"],
        message: "a department's head is one of its approvers or its chief representative",
      },
    ]);
  }
}

/** What anyone may see (art. 52(二)): name, duty and window — nothing personal. */
export function staffCard(staff: StaffMember, window?: { code: string }) {
  return {
    id: staff.id,
    name: staff.name,
    duty: staff.duty,
    role: staff.role,
    centerId: staff.centerId,
    departmentId: staff.departmentId,
    window: window?.code,
  };
}

/** The roster as list views show it: personal data masked (DOMAIN.md). */
export function maskedStaff(staff: StaffMember): StaffMember {
  return maskForList(staff);
}

/** What other services learn about a person: everything but personal data. */
export function staffSnapshot(staff: StaffMember) {
  const { idNumber: _id, phone: _phone, ...rest } = staff;
  return rest;
}
