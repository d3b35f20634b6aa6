import type { GuideSnapshot } from "./guide-snapshot.ts";

const FORM = { original: "原件", copy: "复印件", originalOrCopy: "原件或复印件" } as const;

export interface OneTimeNotice {
  itemId: string;
  itemCode: string;
  itemName: string;
  guideVersion: number;
  title: string;
  conditions: string[];
  materials: {
    name: string;
    required: boolean;
    copies: number;
    form: keyof typeof FORM;
    eLicenseAccepted: boolean;
    commitmentAllowed: boolean;
  }[];
  procedure: string[];
  timeLimit: { committedWorkingDays: number; statutoryWorkingDays: number };
  fees: { name: string; amountYuan: number }[];
  /** The printable text, Chinese first (GLOSSARY.md). */
  text: string;
}

/**
 * The one-time notice (一次性告知, art. 20): everything an applicant needs, told at once — conditions, materials,
 * procedure, time limit and fees — generated from the guide version in force, never written by hand.
 */
export function oneTimeNotice(guide: GuideSnapshot): OneTimeNotice {
  const { guide: g } = guide;
  const materials = g.materials.map((m) => ({
    name: m.name,
    required: m.required,
    copies: m.copies,
    form: m.form,
    eLicenseAccepted: m.eLicenseType !== undefined,
    commitmentAllowed: m.commitmentAllowed,
  }));
  const lines = [
    `一次性告知书：${guide.name}（${guide.code}，办事指南第${guide.version}版）`,
    "一、申请条件",
    ...g.conditions.map((c, i) => `  ${i + 1}. ${c}`),
    "二、申请材料",
    ...materials.map(
      (m, i) =>
        `  ${i + 1}. ${m.name}（${m.required ? "必需" : "非必需"}，${FORM[m.form]}${m.copies}份` +
        `${m.eLicenseAccepted ? "，可用电子证照免交" : ""}${m.commitmentAllowed ? "，可告知承诺" : ""}）`,
    ),
    "三、办理流程",
    ...g.procedure.map((p, i) => `  ${i + 1}. ${p}`),
    `四、办理时限：承诺${g.committedLimitDays}个工作日（法定${g.statutoryLimitDays}个工作日）`,
    `五、收费：${g.fees.length ? g.fees.map((f) => `${f.name}${f.amountYuan}元`).join("；") : "不收费"}`,
  ];
  return {
    itemId: guide.itemId,
    itemCode: guide.code,
    itemName: guide.name,
    guideVersion: guide.version,
    title: "一次性告知书",
    conditions: g.conditions,
    materials,
    procedure: g.procedure,
    timeLimit: { committedWorkingDays: g.committedLimitDays, statutoryWorkingDays: g.statutoryLimitDays },
    fees: g.fees,
    text: lines.join("\n"),
  };
}
