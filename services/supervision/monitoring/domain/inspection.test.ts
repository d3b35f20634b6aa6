import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError } from "#shared/errors.ts";
import { assertMayRecord, inspectionInputSchema, newInspection, rectifyFinding } from "./inspection.ts";

const at = "2026-12-03T02:00:00.000Z"; // 10:00 Beijing
const patrol = inspectionInputSchema.parse({
  centerId: "ctr_01JSEED0000000000000000002",
  kind: "patrol",
  inspectedAt: at,
  summary: "上午巡查综合受理区",
  findings: [
    { category: "absence", description: "B03窗口无人值守15分钟", rectifyWithinDays: 3 },
    { category: "appearance", description: "未佩戴工作牌" },
  ],
});

describe("inspections (art. 53)", () => {
  it("numbers the findings and opens a rectification with a deadline for those given one", () => {
    const inspection = newInspection("ins_1", patrol, "usr_sup", at);
    expect(inspection.findings.map((f) => f.id)).toEqual(["f1", "f2"]);
    expect(inspection.findings[0]!.rectification).toEqual({
      dueAt: "2026-12-06T16:00:00.000Z",
      state: "open",
    });
    expect(inspection.findings[1]).not.toHaveProperty("rectification");
  });

  it("completes a rectification once, on time by its deadline", () => {
    const inspection = newInspection("ins_1", patrol, "usr_sup", at);
    const { inspection: next, finding } = rectifyFinding(
      inspection,
      "f1",
      "已调整排班，设置AB岗",
      "2026-12-05T02:00:00.000Z",
    );
    expect(finding.rectification).toMatchObject({ state: "completed", onTime: true });
    expect(next.version).toBe(2);
    expect(() => rectifyFinding(next, "f1", "再次整改", at)).toThrow(ConflictError);
    expect(() => rectifyFinding(next, "f2", "无", at)).toThrow(NotFoundError);
  });

  it("records only in the recorder's own center", () => {
    const centerId = patrol.centerId;
    expect(() => assertMayRecord({ sub: "u", role: "supervisor", centerId }, { centerId })).not.toThrow();
    expect(() =>
      assertMayRecord({ sub: "u", role: "supervisor", centerId: "ctr_other" }, { centerId }),
    ).toThrow(ForbiddenError);
  });
});
