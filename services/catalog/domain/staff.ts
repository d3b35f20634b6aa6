import * as z from "zod";
import { idSchema } from "#shared/http/schemas.ts";
import { ValidationError } from "#shared/errors.ts";
import { maskForList } from "#shared/personal-data.ts";
import type { trainingSchema } from "../contract/staff-values.ts";
import { STAFF_ROLES, type StaffInput } from "../contract/staff-values.ts";

export * from "../contract/staff-values.ts";

const isoDate = z.iso.date();

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
