import type { Principal } from "#shared/auth/principal.ts";
import { ConflictError, ForbiddenError } from "#shared/errors.ts";
import type { ReviewTask } from "./task.ts";

/** The center's authorized-approval entry for an item (授权审批清单, art. 28), from the catalog. */
export interface Authorization {
  listRef: string;
  deciders: readonly ("approver" | "chiefRep")[];
}

export type Basis =
  | { kind: "authorization"; listRef: string; role: string }
  | { kind: "department"; departmentId: string; role: string };

/** Staff of the task's department, acting for the center it sits in. */
function ofDepartment(principal: Principal, task: ReviewTask): boolean {
  return principal.centerId === task.centerId && principal.departmentId === task.departmentId;
}

/**
 * Who may decide (art. 28, 44):
 * - an item on the center's authorized list is decided in the center, by the roles the entry names — the resident
 *   approvers and/or the department's chief representative;
 * - any other item is decided by the department's back-office approver (not stationed in the center), after the
 *   chief representative's recommendation.
 * Everyone else: 403. The basis is recorded with the decision.
 */
export function decisionAuthority(
  principal: Principal,
  task: ReviewTask,
  authorization: Authorization | undefined,
  resident: boolean,
): Basis {
  if (!ofDepartment(principal, task) || (principal.role !== "approver" && principal.role !== "chiefRep")) {
    throw new ForbiddenError("Only the department's approvers and chief representative decide its cases.");
  }
  if (authorization) {
    const role = principal.role;
    if (!authorization.deciders.includes(role) || (role === "approver" && !resident)) {
      throw new ForbiddenError(
        `In this center the item is decided by: ${authorization.deciders.join(", ")} stationed here (authorized approval).`,
      );
    }
    return { kind: "authorization", listRef: authorization.listRef, role };
  }
  if (principal.role !== "approver" || resident) {
    throw new ForbiddenError(
      "This item is not on the center's authorized list: the department's back office decides it (art. 28).",
    );
  }
  if (!task.recommendation) {
    throw new ConflictError(
      "The chief representative's recommendation comes first for an item outside the authorized list (art. 44).",
    );
  }
  return { kind: "department", departmentId: task.departmentId, role: "approver" };
}

/** The chief representative recommends on items outside the authorized list (art. 44); authorized ones are decided here. */
export function assertMayRecommend(
  principal: Principal,
  task: ReviewTask,
  authorization: Authorization | undefined,
): void {
  if (!ofDepartment(principal, task) || principal.role !== "chiefRep") {
    throw new ForbiddenError("Only the department's chief representative in the center recommends.");
  }
  if (authorization)
    throw new ConflictError(
      "This item is on the authorized list: it is decided in the center, not recommended.",
    );
}

/** Working a case (claim, procedures, extension, requests) is for the department's approvers and chief representative. */
export function assertWorksOn(principal: Principal, task: ReviewTask): void {
  if (!ofDepartment(principal, task) || (principal.role !== "approver" && principal.role !== "chiefRep")) {
    throw new ForbiddenError("Only the department's approvers and chief representative work on its cases.");
  }
}
