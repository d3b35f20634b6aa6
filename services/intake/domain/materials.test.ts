import { describe, expect, it } from "vitest";
import { RuleViolationError, ValidationError } from "#shared/errors.ts";
import { assembleMaterials, missingRequired, submittedMaterialSchema } from "./materials.ts";
import type { GuideSnapshot } from "./guide-snapshot.ts";

const guide = {
  materials: [
    {
      name: "申请表",
      required: true,
      copies: 1,
      form: "original",
      commitmentAllowed: false,
      tolerable: false,
    },
    {
      name: "营业执照",
      required: true,
      copies: 1,
      form: "copy",
      eLicenseType: "营业执照",
      commitmentAllowed: false,
      tolerable: false,
    },
    {
      name: "管理制度",
      required: true,
      copies: 1,
      form: "original",
      commitmentAllowed: true,
      tolerable: false,
    },
    {
      name: "平面图",
      required: true,
      copies: 1,
      form: "original",
      commitmentAllowed: false,
      tolerable: true,
    },
  ],
} as unknown as GuideSnapshot["guide"];
const pledge = "本单位承诺已建立食品安全管理制度，如有不实愿承担相应法律责任。";

describe("materials against the guide (art. 25, 36, 37)", () => {
  it("needs no paper for a material whose e-license the applicant holds (art. 36)", () => {
    const materials = assembleMaterials(
      guide,
      [{ name: "申请表", provided: "paper" }],
      [{ type: "营业执照", number: "91110108MA00000001" }],
    );
    expect(materials.find((m) => m.name === "营业执照")).toMatchObject({
      status: "eLicense",
      eLicense: { number: "91110108MA00000001" },
    });
    expect(missingRequired(materials)).toEqual(["管理制度", "平面图"]);
  });

  it("records a pledge where the guide allows a commitment, and refuses it elsewhere (art. 37)", () => {
    const ok = assembleMaterials(guide, [{ name: "管理制度", provided: "commitment", pledge }], []);
    expect(ok.find((m) => m.name === "管理制度")).toMatchObject({ status: "commitment", pledge });
    expect(() => assembleMaterials(guide, [{ name: "平面图", provided: "commitment", pledge }], [])).toThrow(
      RuleViolationError,
    );
    expect(
      submittedMaterialSchema.safeParse({ name: "管理制度", provided: "commitment" }).error!.issues[0]!.path,
    ).toEqual(["pledge"]);
  });

  it("refuses materials the guide does not list, naming each", () => {
    try {
      assembleMaterials(
        guide,
        [
          { name: "申请表", provided: "paper" },
          { name: "房产证明", provided: "paper" },
        ],
        [],
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => e.path)).toEqual([["materials", 1, "name"]]);
    }
  });
});
