import { RuleViolationError } from "#shared/errors.ts";
import { type DepartmentInput } from "../contract/department-values.ts";

export * from "../contract/department-values.ts";

export interface Department extends DepartmentInput {
  id: string;
  centerId: string;
  chiefRepresentativeId?: string;
  stationedOn: string;
  version: number;
}

/**
 * Art. 44: the chief-representative system runs in the city and district comprehensive centers, and the chief
 * representative is a permanent (正式在编) member of the department, stationed in that center.
 */
export function checkChiefRepresentative(
  center: { level: string; kind: string },
  department: Department,
  staff: { centerId: string; departmentId?: string; role: string; employmentType: string },
): void {
  if (!(["city", "district"].includes(center.level) && center.kind === "comprehensive")) {
    throw new RuleViolationError(
      "chief-representative-level",
      "Chief representatives are appointed in city and district comprehensive centers (art. 44).",
    );
  }
  const issues = [];
  if (staff.centerId !== department.centerId || staff.departmentId !== department.id) {
    issues.push({ path: ["staffId"], message: "must be stationed in this center for this department" });
  }
  if (staff.role !== "chiefRep") issues.push({ path: ["staffId"], message: "must hold the chiefRep role" });
  if (!PERMANENT.includes(staff.employmentType as (typeof PERMANENT)[number])) {
    issues.push({ path: ["staffId"], message: "must be a permanent member of the department (正式在编)" });
  }
  if (issues.length)
    throw new RuleViolationError(
      "chief-representative",
      "This person cannot be the chief representative (art. 44).",
      issues,
    );
}

/** 正式在编: civil servants and established public-institution staff. */
export const PERMANENT = ["civilServant", "institutionStaff"] as const;
