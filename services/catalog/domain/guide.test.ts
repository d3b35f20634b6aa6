import { describe, expect, it } from "vitest";
import { guideContentSchema } from "./guide.ts";

const guide = (overrides: Record<string, unknown> = {}) => ({
  conditions: ["条件"],
  materials: [{ name: "申请表", required: true }],
  procedure: ["申请"],
  statutoryLimitDays: 20,
  committedLimitDays: 10,
  deliveryMethods: ["window"],
  ...overrides,
});

const issuePaths = (input: unknown) => {
  const result = guideContentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path);
};

describe("guide content (art. 20, 26)", () => {
  it("accepts a committed limit equal to the statutory one", () => {
    expect(issuePaths(guide({ committedLimitDays: 20 }))).toEqual([]);
  });

  it("refuses a committed limit above the statutory one", () => {
    expect(issuePaths(guide({ committedLimitDays: 21 }))).toEqual([["committedLimitDays"]]);
  });

  it("refuses tolerating an optional material and duplicate material names", () => {
    const paths = issuePaths(
      guide({
        materials: [
          { name: "申请表", required: true },
          { name: "申请表", required: true },
          { name: "照片", required: false, tolerable: true },
        ],
      }),
    );
    expect(paths).toEqual([
      ["materials", 1, "name"],
      ["materials", 2, "tolerable"],
    ]);
  });

  it("fills defaults for copies, form, fees and checkpoints", () => {
    const parsed = guideContentSchema.parse(guide());
    expect(parsed.materials[0]).toMatchObject({
      copies: 1,
      form: "originalOrCopy",
      commitmentAllowed: false,
      tolerable: false,
    });
    expect(parsed.fees).toEqual([]);
  });
});
