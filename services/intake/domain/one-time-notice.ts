import type { GuideSnapshot } from "./guide-snapshot.ts";
import type { CenterRef } from "./reference.ts";

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
    /** 容缺受理: may be missing at acceptance and handed in later (art. 27(三), 37). */
    tolerable: boolean;
  }[];
  procedure: string[];
  timeLimit: { committedWorkingDays: number; statutoryWorkingDays: number };
  fees: { name: string; amountYuan: number }[];
  /** The provisions the item rests on (设定依据), where its guide names them. */
  legalBasis: string[];
  /** Where and when (办理地点、办理时间), when the notice is for a center. */
  place?: { centerId: string; name: string; address: string; hours: string[] };
  /** Whom to ask about the item (art. 23(三)): the guide's public phone, else the center's consultation phone. */
  consultationPhone?: string;
  /** The printable text, Chinese first (GLOSSARY.md). */
  text: string;
}

/** A center's hours as a notice prints them: legal hours, extended hours by appointment, Saturdays. */
export function hoursLines(hours: CenterRef["hours"]): string[] {
  const ranges = (rs: readonly { from: string; to: string }[]) =>
    rs.map((r) => `${r.from}—${r.to}`).join("、");
  const e = hours.extended ?? {};
  const extended = [e.early && ranges([e.early]), e.late && ranges([e.late])].filter(Boolean);
  return [
    `工作日 ${ranges(hours.workingDays)}`,
    ...(extended.length ? [`工作日延时服务 ${extended.join("、")}（原则上预约办理）`] : []),
    ...(e.saturday?.length ? [`周六 ${ranges(e.saturday)}（原则上预约办理）`] : []),
    "法定节假日除外",
  ];
}

/**
 * The one-time notice (一次性告知, art. 20, 37): everything an applicant needs, told at once — conditions, materials
 * (which may be cured later, which a pledge replaces), procedure, time limit, fees, the legal basis, and, for a center,
 * where and when, and whom to ask — generated from the guide version in force, never written by hand.
 */
export function oneTimeNotice(guide: GuideSnapshot, center?: CenterRef): OneTimeNotice {
  const { guide: g } = guide;
  const materials = g.materials.map((m) => ({
    name: m.name,
    required: m.required,
    copies: m.copies,
    form: m.form,
    eLicenseAccepted: m.eLicenseType !== undefined,
    commitmentAllowed: m.commitmentAllowed,
    tolerable: m.tolerable,
  }));
  const legalBasis = g.legalBasis?.provisions ?? [];
  const place = center && {
    centerId: center.id,
    name: center.name,
    address: center.address,
    hours: hoursLines(center.hours),
  };
  const consultationPhone = g.consultationPhone ?? center?.consultationPhone;
  const tolerable = materials.filter((m) => m.tolerable).map((m) => m.name);
  const committed = materials.filter((m) => m.commitmentAllowed).map((m) => m.name);
  const sections: [string, string[]][] = [
    ["申请条件", g.conditions.map((c, i) => `  ${i + 1}. ${c}`)],
    [
      "申请材料",
      [
        ...materials.map(
          (m, i) =>
            `  ${i + 1}. ${m.name}（${m.required ? "必需" : "非必需"}，${FORM[m.form]}${m.copies}份` +
            `${m.eLicenseAccepted ? "，可用电子证照免交" : ""}${m.commitmentAllowed ? "，可告知承诺" : ""}` +
            `${m.tolerable ? "，可容缺后补" : ""}）`,
        ),
        // Art. 37: the applicant is told, unasked, what may be cured later and what a pledge replaces.
        `  容缺受理：${tolerable.length ? `${tolerable.join("、")}暂缺时可先行受理，限期补正` : "本事项无可容缺材料"}`,
        `  告知承诺：${committed.length ? `${committed.join("、")}可以书面承诺代替` : "本事项不适用告知承诺"}`,
      ],
    ],
    ["办理流程", g.procedure.map((p, i) => `  ${i + 1}. ${p}`)],
    [
      "办理时限",
      [`  承诺${g.committedLimitDays}个工作日（法定${g.statutoryLimitDays}个工作日），自受理之日起计算`],
    ],
    [
      "收费标准",
      [`  ${g.fees.length ? g.fees.map((f) => `${f.name}${f.amountYuan}元`).join("；") : "不收费"}`],
    ],
    ["设定依据", legalBasis.length ? legalBasis.map((b) => `  ${b}`) : ["  见办事指南"]],
    ...(place
      ? ([
          ["办理地点", [`  ${place.name}（${place.address}）`]],
          ["办理时间", place.hours.map((h) => `  ${h}`)],
        ] as [string, string[]][])
      : []),
    ...(consultationPhone ? ([["咨询电话", [`  ${consultationPhone}`]]] as [string, string[]][]) : []),
  ];
  const NUMERALS = "一二三四五六七八九十";
  const lines = [
    `一次性告知书：${guide.name}（${guide.code}，办事指南第${guide.version}版）`,
    ...sections.flatMap(([title, body], i) => [`${NUMERALS[i]}、${title}`, ...body]),
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
    legalBasis,
    ...(place ? { place } : {}),
    ...(consultationPhone ? { consultationPhone } : {}),
    text: lines.join("\n"),
  };
}
