import { describe, expect, it } from "vitest";
import { RuleViolationError, ValidationError } from "#shared/errors.ts";
import { checkServiceHours, placeCenter, type Center, type CenterInput } from "./center.ts";
import { parseRanges, serviceHoursSchema } from "./hours.ts";

const standard = parseRanges("09:00-12:00,13:30-17:00");
const hours = (input: unknown) => serviceHoursSchema.parse(input);
const legal = hours({
  workingDays: [
    { from: "09:00", to: "12:00" },
    { from: "13:30", to: "17:00" },
  ],
});

function center(overrides: Partial<Center>): Center {
  return {
    id: "ctr_city",
    name: "北京市政务服务中心",
    level: "city",
    kind: "comprehensive",
    ancestorIds: [],
    address: "北京市丰台区",
    consultationPhone: "12345",
    zones: [],
    accessibility: [],
    foreignLanguage: { languages: [], signage: false, consultationWindow: false, foreignAffairsZone: false },
    hours: legal,
    remoteMountain: false,
    createdAt: "",
    updatedAt: "",
    version: 1,
    ...overrides,
  };
}

const input = (overrides: Partial<CenterInput>) => ({ ...center({}), ...overrides }) as CenterInput;

describe("service hours (art. 10)", () => {
  it("accepts the legal working hours with extended early, late and Saturday hours", () => {
    const h = hours({
      workingDays: [
        { from: "08:30", to: "12:00" },
        { from: "13:00", to: "17:30" },
      ],
      extended: {
        early: { from: "07:30", to: "08:30" },
        late: { from: "17:30", to: "19:00" },
        saturday: [{ from: "09:00", to: "12:00" }],
      },
    });
    expect(() => checkServiceHours({ level: "district", remoteMountain: false }, h, standard)).not.toThrow();
  });

  it("refuses shortened legal hours without an adjustment", () => {
    const short = hours({ workingDays: [{ from: "09:30", to: "16:00" }] });
    expect(() => checkServiceHours({ level: "district", remoteMountain: false }, short, standard)).toThrow(
      RuleViolationError,
    );
  });

  it("lets only a remote mountain township adjust, and only with both references", () => {
    const adjusted = hours({
      workingDays: [{ from: "09:30", to: "15:30" }],
      adjustment: {
        reason: "山区冬季",
        districtApprovalRef: "门政函〔2025〕1号",
        cityFilingRef: "京政服备〔2025〕2号",
      },
    });
    expect(() =>
      checkServiceHours({ level: "township", remoteMountain: true }, adjusted, standard),
    ).not.toThrow();
    expect(() => checkServiceHours({ level: "township", remoteMountain: false }, adjusted, standard)).toThrow(
      /remote mountain/,
    );
    expect(() => checkServiceHours({ level: "district", remoteMountain: true }, adjusted, standard)).toThrow(
      RuleViolationError,
    );
    const missing = serviceHoursSchema.safeParse({
      workingDays: [{ from: "09:30", to: "15:30" }],
      adjustment: { reason: "山区", districtApprovalRef: "x1" },
    });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path.join("."))).toEqual(["adjustment.cityFilingRef"]);
  });

  it("refuses overlapping ranges and extended hours that overlap the legal ones", () => {
    const result = serviceHoursSchema.safeParse({
      workingDays: [
        { from: "09:00", to: "12:00" },
        { from: "11:00", to: "17:00" },
      ],
      extended: { early: { from: "08:00", to: "09:30" }, late: { from: "16:00", to: "19:00" } },
    });
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual([
      "workingDays",
      "extended.early.to",
      "extended.late.from",
    ]);
  });

  it("answers hours with no working-day range with that field's issue (the fuzzer's 500: the range checks crashed)", () => {
    const result = serviceHoursSchema.safeParse({
      workingDays: [],
      extended: { early: { from: "08:00", to: "09:30" }, late: { from: "16:00", to: "19:00" } },
    });
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["workingDays"]);
  });
});

describe("placing a center (art. 4, 8)", () => {
  const city = center({});
  const district = center({
    id: "ctr_hd",
    level: "district",
    parentId: "ctr_city",
    ancestorIds: ["ctr_city"],
  });

  it("puts a district under the city and a subdistrict under its district", () => {
    expect(placeCenter(input({ level: "district", parentId: "ctr_city" }), { parent: city })).toEqual({
      parentId: "ctr_city",
      ancestorIds: ["ctr_city"],
    });
    expect(
      placeCenter(input({ level: "subdistrict", parentId: "ctr_hd" }), { parent: district }).ancestorIds,
    ).toEqual(["ctr_city", "ctr_hd"]);
  });

  it("refuses skipping a level", () => {
    expect(() =>
      placeCenter(input({ level: "subdistrict", parentId: "ctr_city" }), { parent: city }),
    ).toThrow(ValidationError);
  });

  it("hangs a specialized center off the comprehensive center of its own level", () => {
    const placed = placeCenter(
      input({ level: "district", kind: "specialized", comprehensiveCenterId: "ctr_hd" }),
      { comprehensive: district },
    );
    expect(placed).toEqual({ parentId: "ctr_city", ancestorIds: ["ctr_city", "ctr_hd"] });
    expect(() =>
      placeCenter(input({ level: "district", kind: "specialized", comprehensiveCenterId: "ctr_city" }), {
        comprehensive: city,
      }),
    ).toThrow(ValidationError);
  });
});
