import { describe, expect, it } from "vitest";
import { RuleViolationError, ValidationError } from "#shared/errors.ts";
import type { Application } from "./application.ts";
import { checkAcceptable, checkCorrection, checkTolerant } from "./acceptance.ts";

const application = (materials: Partial<Application["materials"][number]>[]) =>
  ({
    guide: {
      guide: {
        materials: [{ name: "申请表" }, { name: "营业执照" }, { name: "平面图" }],
        checkpoints: ["申请人名称与营业执照一致"],
      },
    },
    materials: materials.map((m) => ({ required: true, tolerable: false, status: "paper", ...m })),
  }) as unknown as Application;

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as ValidationError).errors.map((e) => e.path);
  }
  return [];
};

describe("acceptance rules (art. 27)", () => {
  const withMissingPlan = application([
    { name: "申请表" },
    { name: "营业执照", status: "eLicense" },
    { name: "平面图", status: "missing", tolerable: true },
  ]);

  it("accepts only with every required material present", () => {
    expect(() =>
      checkAcceptable(application([{ name: "申请表" }, { name: "营业执照", status: "commitment" }])),
    ).not.toThrow();
    expect(() => checkAcceptable(withMissingPlan)).toThrow(RuleViolationError);
  });

  it("refuses a correction asking for something outside the guide (art. 27(二))", () => {
    expect(() =>
      checkCorrection(withMissingPlan, [
        { material: "平面图", reason: "未提交" },
        { checkpoint: "申请人名称与营业执照一致", reason: "不一致" },
      ]),
    ).not.toThrow();
    expect(
      issuesOf(() =>
        checkCorrection(withMissingPlan, [
          { material: "平面图", reason: "x" },
          { material: "房产证明", reason: "需提供" },
        ]),
      ),
    ).toEqual([["items", 1, "material"]]);
    expect(
      issuesOf(() => checkCorrection(withMissingPlan, [{ checkpoint: "资金证明", reason: "需提供" }])),
    ).toEqual([["items", 0, "checkpoint"]]);
    expect(() => checkCorrection(withMissingPlan, [{ material: "房产证明", reason: "x" }])).toThrow(
      ValidationError,
    );
  });

  it("tolerates only missing materials the guide marks tolerable (art. 27(三))", () => {
    expect(checkTolerant(withMissingPlan, undefined)).toEqual(["平面图"]);
    const notTolerable = application([
      { name: "申请表", status: "missing" },
      { name: "平面图", status: "missing", tolerable: true },
    ]);
    expect(() => checkTolerant(notTolerable, ["平面图"])).toThrow(RuleViolationError);
    expect(issuesOf(() => checkTolerant(withMissingPlan, ["申请表"]))).toEqual([["missing", 0], ["missing"]]);
  });
});
