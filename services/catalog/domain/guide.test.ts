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

  it("accepts an English text that translates the guide's materials, and keeps it (art. 15)", () => {
    // Arrange
    const english = {
      itemName: "Test item",
      conditions: ["Condition"],
      procedure: ["Apply"],
      materials: [{ name: "申请表", text: "Application form" }],
      notes: "Ask at the foreign-language window.",
    };
    // Act
    const parsed = guideContentSchema.safeParse(guide({ english }));
    // Assert
    expect(parsed.success).toBe(true);
    expect(parsed.data?.english).toEqual(english);
    expect(guideContentSchema.parse(guide()).english).toBeUndefined();
  });

  it("refuses an English text naming a material the guide does not have, or one twice (art. 15, 20)", () => {
    const paths = issuePaths(
      guide({
        materials: [
          { name: "申请表", required: true },
          { name: "照片", required: true },
        ],
        english: {
          itemName: "Test item",
          conditions: ["Condition"],
          procedure: ["Apply"],
          materials: [
            { name: "申请表", text: "Application form" },
            { name: "房产证明", text: "Proof of property" },
            { name: "申请表", text: "Form" },
          ],
        },
      }),
    );
    expect(paths).toEqual([
      ["english", "materials", 1, "name"],
      ["english", "materials", 2, "name"],
    ]);
  });

  it("refuses an English text without the item's name, conditions or procedure", () => {
    const paths = issuePaths(
      guide({ english: { itemName: " ", conditions: [], procedure: [], materials: [] } }),
    );
    expect(paths).toEqual([
      ["english", "itemName"],
      ["english", "conditions"],
      ["english", "procedure"],
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
