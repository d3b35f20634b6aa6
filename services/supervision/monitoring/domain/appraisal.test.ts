import { describe, expect, it } from "vitest";
import { staffAppraisal } from "./appraisal.ts";

describe("staff appraisal figures (art. 45, 48)", () => {
  it("counts ratings, 差评 not excluded on appeal, overdue cases once each, and findings, per roster entry", () => {
    const rows = staffAppraisal({
      ratings: [
        { staffId: "stf_a", level: "satisfied", excluded: false },
        { staffId: "stf_a", level: "dissatisfied", excluded: false },
        { staffId: "stf_a", level: "veryDissatisfied", excluded: true },
        { level: "veryDissatisfied", excluded: false },
      ],
      overdue: [
        { subjectId: "app_1", handler: "usr_b" },
        { subjectId: "app_1", handler: "usr_b" },
        { subjectId: "app_2", handler: "usr_b" },
        { subjectId: "app_3", handler: "usr_unknown" },
      ],
      inspections: [{ findings: [{ id: "f1", category: "absence", description: "离岗", staffId: "stf_a" }] }],
      complianceFindings: [{ staffId: "stf_b" }],
      staffOfUser: new Map([["usr_b", "stf_b"]]),
    });
    expect(rows).toEqual([
      {
        staffId: "stf_a",
        ratings: 2,
        satisfied: 1,
        poor: 1,
        overdueCases: 0,
        inspectionFindings: 1,
        complianceFindings: 0,
      },
      {
        staffId: "stf_b",
        ratings: 0,
        satisfied: 0,
        poor: 0,
        overdueCases: 2,
        inspectionFindings: 0,
        complianceFindings: 1,
      },
    ]);
  });
});
