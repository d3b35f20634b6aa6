import { describe, expect, it } from "vitest";
import { caseEventName, caseStepName } from "./terms.ts";

describe("a case's history in the console's words", () => {
  it("names a claim, a release, a reassignment and a routing apart, though all are review.assigned", () => {
    const assigned = (data: Record<string, unknown>) => caseStepName({ type: "review.assigned", data });
    expect(assigned({})).toBe("分派至审批部门");
    expect(assigned({ assigneeId: "usr_1", reason: "claimed" })).toBe("认领");
    expect(assigned({ reason: "released" })).toBe("退回待认领");
    expect(assigned({ assigneeId: "usr_2", reason: "休假，改由他人办理" })).toBe("改派");
  });

  it("names a decision by its outcome and every other step by its type", () => {
    expect(caseStepName({ type: "review.decided", data: { decision: "approved" } })).toBe(
      "作出决定：准予许可",
    );
    expect(caseStepName({ type: "review.decided", data: { decision: "denied" } })).toBe("作出决定：不予许可");
    expect(caseStepName({ type: "application.accepted", data: {} })).toBe("受理");
    for (const code of caseEventName.codes) expect(caseEventName(code)).not.toMatch(/[a-z]/);
  });
});
