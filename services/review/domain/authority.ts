import type { Principal } from "#shared/auth/principal.ts";
import { ConflictError, ForbiddenError } from "#shared/errors.ts";
import type { ReviewTask } from "./task.ts";

/** The center's authorized-approval entry for an item (授权审批清单, art. 28), from the catalog. */
export interface Authorization {
  listRef: string;
  deciders: readonly ("approver" | "chiefRep")[];
}

/** The chief representative decided without holding the claim: whose claim it was, if anyone's. */
export interface ClaimOverride {
  assigneeId?: string;
}

export type Basis =
  | { kind: "authorization"; listRef: string; role: string; override?: ClaimOverride }
  | { kind: "department"; departmentId: string; role: string; override?: ClaimOverride };

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

/**
 * Deciding needs the claim (issue 15): an approver decides only a case they hold — not an unclaimed one (409: claim
 * it first) nor another's (403) — so the worklist's owner is who decides. The chief representative may decide a case
 * someone else holds, or nobody does: an override, recorded with the decision.
 */
export function claimOverride(principal: Principal, task: ReviewTask): ClaimOverride | undefined {
  if (task.assigneeId === principal.sub) return undefined;
  if (principal.role === "chiefRep") return task.assigneeId ? { assigneeId: task.assigneeId } : {};
  if (!task.assigneeId)
    throw new ConflictError("Claim the case before deciding it (POST /v1/applications/{id}/review/claim).");
  throw new ForbiddenError(
    "The case is claimed by another approver; the chief representative can reassign it.",
  );
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
