import { describe, expect, it } from "vitest";
import { RuleViolationError, ValidationError } from "#shared/errors.ts";
import { guideContentSchema, type GuideVersion } from "./guide.ts";
import { checkItemStatus, itemStatusInputSchema } from "./item-status.ts";

const guide = (lowestLevel = "district"): GuideVersion => ({
  ...guideContentSchema.parse({
    conditions: ["条件"],
    materials: [
      { name: "申请表", required: true },
      { name: "营业执照", required: true, eLicenseType: "营业执照" },
    ],
    procedure: ["申请"],
    statutoryLimitDays: 20,
    committedLimitDays: 5,
    deliveryMethods: ["window"],
    lowestLevel,
  }),
  itemId: "itm_1",
  version: 3,
  publishedAt: "2026-11-25T00:00:00Z",
  publishedBy: "usr_1",
});
const status = (input: unknown) => itemStatusInputSchema.parse(input);
const district = { level: "district", kind: "comprehensive" };
const subdistrict = { level: "subdistrict", kind: "comprehensive" };

describe("an item's status in a center", () => {
  it("needs the reason and approval to exclude, and nothing else", () => {
    expect(itemStatusInputSchema.safeParse({ status: "excluded" }).success).toBe(false);
    const both = itemStatusInputSchema.safeParse({
      status: "excluded",
      exclusion: { reason: "space", detail: "场地不足", approvalRef: "x1" },
      delegation: { agreementRef: "a1", materials: ["申请表"] },
    });
    expect(both.error!.issues[0]!.path).toEqual(["delegation"]);
  });

  it("keeps an item from sinking below its guide's lowest level (art. 35)", () => {
    expect(() => checkItemStatus(status({ status: "resident" }), subdistrict, guide("district"))).toThrow(
      RuleViolationError,
    );
    expect(() =>
      checkItemStatus(status({ status: "resident" }), subdistrict, guide("subdistrict")),
    ).not.toThrow();
  });

  it("delegates only materials the guide has, in comprehensive centers (art. 26)", () => {
    const delegated = status({
      status: "resident",
      delegation: { agreementRef: "a1", materials: ["营业执照", "房产证"] },
    });
    try {
      checkItemStatus(delegated, district, guide());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => e.path)).toEqual([["delegation", "materials", 1]]);
    }
    const fine = status({ status: "resident", delegation: { agreementRef: "a1", materials: ["营业执照"] } });
    expect(() => checkItemStatus(fine, { level: "district", kind: "specialized" }, guide())).toThrow(
      /comprehensive/,
    );
  });

  it("authorizes approval only in city and district comprehensive centers (art. 28)", () => {
    const authorized = status({
      status: "resident",
      authorization: { listRef: "清单1", deciders: ["chiefRep"] },
    });
    expect(() => checkItemStatus(authorized, district, guide("subdistrict"))).not.toThrow();
    expect(() => checkItemStatus(authorized, subdistrict, guide("subdistrict"))).toThrow(RuleViolationError);
  });

  it("needs a published guide before an item is handled anywhere", () => {
    expect(() => checkItemStatus(status({ status: "resident" }), district, undefined)).toThrow(/guide/);
  });
});
