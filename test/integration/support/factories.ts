import { randomUUID } from "node:crypto";
import type { GuideInput } from "#services/catalog/domain/guide.ts";
import { departments } from "#infra/local/seed-data.ts";
import { as } from "./api.ts";

let counter = 0;

export function itemInput(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    code: `T-${randomUUID().slice(0, 8).toUpperCase()}-${counter}`,
    name: `测试事项${counter}`,
    departmentId: departments[0].id,
    level: "district",
    ...overrides,
  };
}

export function guideInput(overrides: Partial<GuideInput> = {}): GuideInput {
  return {
    conditions: ["申请人为本市居民"],
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
        name: "身份证明",
        required: true,
        copies: 1,
        form: "copy",
        eLicenseType: "居民身份证",
        commitmentAllowed: false,
        tolerable: true,
      },
    ],
    procedure: ["申请", "受理", "审查", "决定"],
    statutoryLimitDays: 20,
    committedLimitDays: 5,
    fees: [],
    checkpoints: ["申请表填写完整"],
    deliveryMethods: ["window", "electronic"],
    // Most licences: extendable once by ten working days with the head's approval.
    legalBasis: {
      provisions: ["《北京市测试事项管理规定》第五条"],
      extension: { provision: "《中华人民共和国行政许可法》第四十二条第一款", maxWorkingDays: 10 },
    },
    ...overrides,
  };
}

/** A registered item (as the seeded admin). */
export async function givenItem(overrides: Record<string, unknown> = {}) {
  const res = await as("admin").post("/v1/items", itemInput(overrides));
  if (res.status !== 201) throw new Error(`item: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; name: string };
}

/**
 * An item's status in a center: resident, its acceptance delegated to the comprehensive windows (art. 26) — the seeded
 * clerk works at one — checking the default guide's application form; `overrides` add authorization and the like.
 */
export function residentStatus(overrides: Record<string, unknown> = {}) {
  return {
    status: "resident",
    delegation: { agreementRef: "进驻事项委托受理协议〔2026〕第1号", materials: ["申请表"] },
    ...overrides,
  };
}
