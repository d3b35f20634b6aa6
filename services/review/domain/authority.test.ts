import { describe, expect, it } from "vitest";
import type { Principal } from "#shared/auth/principal.ts";
import { ConflictError, ForbiddenError } from "#shared/errors.ts";
import { assertMayRecommend, claimOverride, decisionAuthority } from "./authority.ts";
import type { ReviewTask } from "./task.ts";

const task = { centerId: "ctr_hd", departmentId: "dep_market" } as ReviewTask;
const who = (role: Principal["role"], departmentId = "dep_market", centerId = "ctr_hd"): Principal => ({
  sub: `usr_${role}`,
  role,
  centerId,
  departmentId,
});
const authorized = { listRef: "清单第1项", deciders: ["approver", "chiefRep"] as const };

describe("who may decide (art. 28, 44)", () => {
  it("authorized items: the resident approver or the chief representative, with the list entry as basis", () => {
    expect(decisionAuthority(who("approver"), task, authorized, true)).toEqual({
      kind: "authorization",
      listRef: "清单第1项",
      role: "approver",
    });
    expect(decisionAuthority(who("chiefRep"), task, authorized, true).role).toBe("chiefRep");
  });

  it("authorized items: not the back office, not a role the entry does not name", () => {
    expect(() => decisionAuthority(who("approver"), task, authorized, false)).toThrow(ForbiddenError);
    expect(() =>
      decisionAuthority(who("approver"), task, { listRef: "x", deciders: ["chiefRep"] }, true),
    ).toThrow(ForbiddenError);
  });

  it("other items: the back-office approver, after the chief representative's recommendation", () => {
    expect(() => decisionAuthority(who("approver"), task, undefined, false)).toThrow(ConflictError);
    const recommended = {
      ...task,
      recommendation: { recommendation: "approve", reason: "x", recommendedBy: "u", recommendedAt: "t" },
    } as ReviewTask;
    expect(decisionAuthority(who("approver"), recommended, undefined, false)).toEqual({
      kind: "department",
      departmentId: "dep_market",
      role: "approver",
    });
    expect(() => decisionAuthority(who("approver"), recommended, undefined, true)).toThrow(ForbiddenError);
    expect(() => decisionAuthority(who("chiefRep"), recommended, undefined, true)).toThrow(ForbiddenError);
  });

  it("nobody outside the department and its roles", () => {
    expect(() => decisionAuthority(who("clerk"), task, authorized, true)).toThrow(ForbiddenError);
    expect(() => decisionAuthority(who("approver", "dep_other"), task, authorized, true)).toThrow(
      ForbiddenError,
    );
    expect(() =>
      decisionAuthority(who("approver", "dep_market", "ctr_other"), task, authorized, true),
    ).toThrow(ForbiddenError);
  });

  it("the chief representative recommends only on items outside the authorized list", () => {
    expect(() => assertMayRecommend(who("chiefRep"), task, undefined)).not.toThrow();
    expect(() => assertMayRecommend(who("chiefRep"), task, authorized)).toThrow(ConflictError);
    expect(() => assertMayRecommend(who("approver"), task, undefined)).toThrow(ForbiddenError);
  });
});

describe("deciding needs the claim (issue 15)", () => {
  const claimedBy = (assigneeId?: string) =>
    ({ ...task, ...(assigneeId ? { assigneeId } : {}) }) as ReviewTask;

  it("lets an approver decide only the case they hold", () => {
    expect(claimOverride(who("approver"), claimedBy("usr_approver"))).toBeUndefined();
    expect(() => claimOverride(who("approver"), claimedBy())).toThrow(ConflictError);
    expect(() => claimOverride(who("approver"), claimedBy("usr_other"))).toThrow(ForbiddenError);
  });

  it("lets the chief representative override, saying whose claim it was", () => {
    expect(claimOverride(who("chiefRep"), claimedBy("usr_other"))).toEqual({ assigneeId: "usr_other" });
    expect(claimOverride(who("chiefRep"), claimedBy())).toEqual({});
    expect(claimOverride(who("chiefRep"), claimedBy("usr_chiefRep"))).toBeUndefined();
  });
});
