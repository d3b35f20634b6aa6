import { describe, expect, it } from "vitest";
import { ForbiddenError, RuleViolationError, ValidationError } from "#shared/errors.ts";
import type { Application } from "./application.ts";
import {
  checkAcceptable,
  checkCorrection,
  checkMayAccept,
  checkTolerant,
  delegationInForce,
} from "./acceptance.ts";

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

describe("who may accept (art. 26)", () => {
  const market = "dep_market";
  const of = (departmentId = market, crossRegion?: Application["crossRegion"]) => ({
    departmentId,
    crossRegion,
  });
  const agreement = (term: { validFrom?: string; validUntil?: string } = {}) => ({
    agreementRef: "海淀区进驻事项委托受理协议〔2025〕第3号",
    ...term,
  });
  const today = "2026-12-03";

  it("lets the department's own window accept its items, delegated or not", () => {
    expect(() => checkMayAccept({ departmentId: market }, of(), undefined, today)).not.toThrow();
  });

  it("refuses another department's window (403)", () => {
    expect(() => checkMayAccept({ departmentId: "dep_tax" }, of(), agreement(), today)).toThrow(
      ForbiddenError,
    );
  });

  it("lets a comprehensive window accept only under a delegation in force", () => {
    expect(() => checkMayAccept({}, of(), agreement(), today)).not.toThrow();
    const refusal = (d: ReturnType<typeof agreement> | undefined) => {
      try {
        checkMayAccept({}, of(), d, today);
      } catch (error) {
        return error as RuleViolationError;
      }
      throw new Error("accepted");
    };
    expect(refusal(undefined).rule).toBe("acceptance-not-delegated");
    expect(refusal(agreement({ validUntil: "2026-12-02" })).message).toContain("not in force");
    expect(refusal(agreement({ validFrom: "2026-12-04" })).rule).toBe("acceptance-not-delegated");
  });

  it("counts the agreement's term inclusively at both ends", () => {
    expect(delegationInForce(agreement({ validFrom: today, validUntil: today }), today)).toBe(true);
    expect(delegationInForce(agreement({ validFrom: "2026-12-04" }), today)).toBe(false);
    expect(delegationInForce(undefined, today)).toBe(false);
  });

  it("leaves cross-region intake on behalf of the home center as it is (art. 38)", () => {
    const remote = of(market, { homeCenterId: "ctr_home" });
    expect(() => checkMayAccept({}, remote, undefined, today)).not.toThrow();
    expect(() => checkMayAccept({ departmentId: "dep_tax" }, remote, undefined, today)).not.toThrow();
  });
});
