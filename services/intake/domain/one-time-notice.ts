import type { GuideSnapshot } from "./guide-snapshot.ts";
import type { CenterRef } from "./reference.ts";

/** The languages a notice is given in: Chinese, and English where the guide has its English text (art. 15). */
export const NOTICE_LANGUAGES = ["zh", "en"] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

type Form = "original" | "copy" | "originalOrCopy";
const FORM_ZH: Record<Form, string> = { original: "原件", copy: "复印件", originalOrCopy: "原件或复印件" };
const FORM_EN: Record<Form, string> = {
  original: "original",
  copy: "copy",
  originalOrCopy: "original or copy",
};

/**
 * The notice's fixed wording in each language. Only the Chinese notice is generated from the guide alone; the English
 * one fills these around the department's own English text (the guide's `english`), never a machine translation.
 */
const WORDING = {
  zh: {
    title: "一次性告知书",
    heading: (name: string, code: string, version: number) =>
      `一次性告知书：${name}（${code}，办事指南第${version}版）`,
    section: (i: number, title: string) => `${"一二三四五六七八九十"[i]}、${title}`,
    sections: {
      conditions: "申请条件",
      materials: "申请材料",
      procedure: "办理流程",
      timeLimit: "办理时限",
      fees: "收费标准",
      legalBasis: "设定依据",
      place: "办理地点",
      hours: "办理时间",
      phone: "咨询电话",
      notes: "其他说明",
    },
    material: (m: NoticeMaterial, name: string) =>
      `${name}（${m.required ? "必需" : "非必需"}，${FORM_ZH[m.form]}${m.copies}份` +
      `${m.eLicenseAccepted ? "，可用电子证照免交" : ""}${m.commitmentAllowed ? "，可告知承诺" : ""}` +
      `${m.tolerable ? "，可容缺后补" : ""}）`,
    tolerable: (names: string[]) =>
      `容缺受理：${names.length ? `${names.join("、")}暂缺时可先行受理，限期补正` : "本事项无可容缺材料"}`,
    commitment: (names: string[]) =>
      `告知承诺：${names.length ? `${names.join("、")}可以书面承诺代替` : "本事项不适用告知承诺"}`,
    timeLimit: (committed: number, statutory: number) =>
      `承诺${committed}个工作日（法定${statutory}个工作日），自受理之日起计算`,
    fees: (fees: { name: string; amountYuan: number }[]) =>
      fees.length ? fees.map((f) => `${f.name}${f.amountYuan}元`).join("；") : "不收费",
    noLegalBasis: "见办事指南",
    place: (name: string, address: string) => `${name}（${address}）`,
    hours: {
      workingDays: (r: string) => `工作日 ${r}`,
      extended: (r: string) => `工作日延时服务 ${r}（原则上预约办理）`,
      saturday: (r: string) => `周六 ${r}（原则上预约办理）`,
      holidays: "法定节假日除外",
      join: "、",
    },
  },
  en: {
    title: "One-time notice",
    heading: (name: string, code: string, version: number) =>
      `One-time notice: ${name} (${code}, guide version ${version})`,
    section: (i: number, title: string) => `${i + 1}. ${title}`,
    sections: {
      conditions: "Conditions",
      materials: "Materials",
      procedure: "Procedure",
      timeLimit: "Time limit",
      fees: "Fees",
      legalBasis: "Legal basis",
      place: "Place",
      hours: "Hours",
      phone: "Consultation phone",
      notes: "Notes",
    },
    material: (m: NoticeMaterial, name: string) =>
      `${name} (${m.required ? "required" : "optional"}, ${FORM_EN[m.form]}, ` +
      `${m.copies} ${m.copies === 1 ? "copy" : "copies"}` +
      `${m.eLicenseAccepted ? ", not needed if you hold it as an e-license" : ""}` +
      `${m.commitmentAllowed ? ", a written pledge may replace it" : ""}` +
      `${m.tolerable ? ", may be handed in after acceptance" : ""})`,
    tolerable: (names: string[]) =>
      `Acceptance with deficiencies: ${
        names.length
          ? `if ${names.join(", ")} ${names.length === 1 ? "is" : "are"} missing, the application is accepted first and the material handed in by the deadline set`
          : "no material of this item may be handed in later"
      }`,
    commitment: (names: string[]) =>
      `Notification and commitment: ${
        names.length
          ? `${names.join(", ")} may be replaced by a written pledge`
          : "no material of this item may be replaced by a pledge"
      }`,
    timeLimit: (committed: number, statutory: number) =>
      `${committed} working days committed (statutory limit ${statutory} working days), counted from acceptance`,
    fees: (fees: { name: string; amountYuan: number }[]) =>
      fees.length ? fees.map((f) => `${f.name}: ${f.amountYuan} yuan`).join("; ") : "No fee",
    noLegalBasis: "See the guide",
    place: (name: string, address: string) => `${name} (${address})`,
    hours: {
      workingDays: (r: string) => `Working days ${r}`,
      extended: (r: string) => `Extended hours on working days ${r} (by appointment as a rule)`,
      saturday: (r: string) => `Saturdays ${r} (by appointment as a rule)`,
      holidays: "Closed on statutory holidays",
      join: ", ",
    },
  },
} as const;

interface NoticeMaterial {
  /** The guide's name of the material — in either language the name an application and a correction notice use. */
  name: string;
  /** Its English name, in an English notice, where the guide's English text gives one (art. 15). */
  englishName?: string;
  required: boolean;
  copies: number;
  form: Form;
  eLicenseAccepted: boolean;
  commitmentAllowed: boolean;
  /** 容缺受理: may be missing at acceptance and handed in later (art. 27(三), 37). */
  tolerable: boolean;
}

export interface OneTimeNotice {
  itemId: string;
  itemCode: string;
  /** The item's name in the notice's language. */
  itemName: string;
  guideVersion: number;
  /** The language the notice is in: `en` only when asked for and the guide has its English text (art. 15). */
  language: NoticeLanguage;
  /** Whether the guide version in force has an English text, whatever language was asked for. */
  englishAvailable: boolean;
  title: string;
  conditions: string[];
  materials: NoticeMaterial[];
  procedure: string[];
  timeLimit: { committedWorkingDays: number; statutoryWorkingDays: number };
  fees: { name: string; amountYuan: number }[];
  /** The provisions the item rests on (设定依据), where its guide names them. */
  legalBasis: string[];
  /** Where and when (办理地点、办理时间), when the notice is for a center. */
  place?: { centerId: string; name: string; address: string; hours: string[] };
  /** Whom to ask about the item (art. 23(三)): the guide's public phone, else the center's consultation phone. */
  consultationPhone?: string;
  /** What else the department tells foreign applicants, in an English notice whose guide says it. */
  notes?: string;
  /** The printable text, in the notice's language (Chinese unless English was asked for and exists, GLOSSARY.md). */
  text: string;
}

/** A center's hours as a notice prints them: legal hours, extended hours by appointment, Saturdays. */
export function hoursLines(hours: CenterRef["hours"], language: NoticeLanguage = "zh"): string[] {
  const w = WORDING[language].hours;
  const ranges = (rs: readonly { from: string; to: string }[]) =>
    rs.map((r) => `${r.from}—${r.to}`).join(w.join);
  const e = hours.extended ?? {};
  const extended = [e.early && ranges([e.early]), e.late && ranges([e.late])].filter(Boolean);
  return [
    w.workingDays(ranges(hours.workingDays)),
    ...(extended.length ? [w.extended(extended.join(w.join))] : []),
    ...(e.saturday?.length ? [w.saturday(ranges(e.saturday))] : []),
    w.holidays,
  ];
}

/**
 * The one-time notice (一次性告知, art. 20, 37): everything an applicant needs, told at once — conditions, materials
 * (which may be cured later, which a pledge replaces), procedure, time limit, fees, the legal basis, and, for a center,
 * where and when, and whom to ask — generated from the guide version in force, never written by hand.
 * Asked for in English (art. 15), it is given in English where the guide has the department's English text, and in
 * Chinese, saying that no English text exists, where it has not: nothing is machine-translated. Materials keep the
 * guide's names (the ones an application and a correction notice use) beside their English ones; limits, fees and the
 * legal basis are the guide's own.
 */
export function oneTimeNotice(
  guide: GuideSnapshot,
  center?: CenterRef,
  asked: NoticeLanguage = "zh",
): OneTimeNotice {
  const { guide: g } = guide;
  const english = g.english;
  const language: NoticeLanguage = asked === "en" && english ? "en" : "zh";
  const w = WORDING[language];
  const englishNames = new Map(english?.materials.map((m) => [m.name, m.text]));
  const materials: NoticeMaterial[] = g.materials.map((m) => {
    const englishName = language === "en" ? englishNames.get(m.name) : undefined;
    return {
      name: m.name,
      ...(englishName ? { englishName } : {}),
      required: m.required,
      copies: m.copies,
      form: m.form,
      eLicenseAccepted: m.eLicenseType !== undefined,
      commitmentAllowed: m.commitmentAllowed,
      tolerable: m.tolerable,
    };
  });
  const shown = (m: NoticeMaterial) => m.englishName ?? m.name;
  const itemName = language === "en" ? english!.itemName : guide.name;
  const conditions = language === "en" ? english!.conditions : g.conditions;
  const procedure = language === "en" ? english!.procedure : g.procedure;
  const notes = language === "en" ? english!.notes : undefined;
  const legalBasis = g.legalBasis?.provisions ?? [];
  const place = center && {
    centerId: center.id,
    name: center.name,
    address: center.address,
    hours: hoursLines(center.hours, language),
  };
  const consultationPhone = g.consultationPhone ?? center?.consultationPhone;
  const tolerable = materials.filter((m) => m.tolerable).map(shown);
  const committed = materials.filter((m) => m.commitmentAllowed).map(shown);
  const numbered = (lines: readonly string[]) => lines.map((l, i) => `  ${i + 1}. ${l}`);
  const s = w.sections;
  const sections: [string, string[]][] = [
    [s.conditions, numbered(conditions)],
    [
      s.materials,
      [
        ...numbered(materials.map((m) => w.material(m, shown(m)))),
        // Art. 37: the applicant is told, unasked, what may be cured later and what a pledge replaces.
        `  ${w.tolerable(tolerable)}`,
        `  ${w.commitment(committed)}`,
      ],
    ],
    [s.procedure, numbered(procedure)],
    [s.timeLimit, [`  ${w.timeLimit(g.committedLimitDays, g.statutoryLimitDays)}`]],
    [s.fees, [`  ${w.fees(g.fees)}`]],
    [s.legalBasis, (legalBasis.length ? legalBasis : [w.noLegalBasis]).map((b) => `  ${b}`)],
    ...(place
      ? ([
          [s.place, [`  ${w.place(place.name, place.address)}`]],
          [s.hours, place.hours.map((h) => `  ${h}`)],
        ] as [string, string[]][])
      : []),
    ...(consultationPhone ? ([[s.phone, [`  ${consultationPhone}`]]] as [string, string[]][]) : []),
    ...(notes ? ([[s.notes, [`  ${notes}`]]] as [string, string[]][]) : []),
  ];
  const lines = [
    w.heading(itemName, guide.code, guide.version),
    ...sections.flatMap(([title, body], i) => [w.section(i, title), ...body]),
  ];
  return {
    itemId: guide.itemId,
    itemCode: guide.code,
    itemName,
    guideVersion: guide.version,
    language,
    englishAvailable: english !== undefined,
    title: w.title,
    conditions,
    materials,
    procedure,
    timeLimit: { committedWorkingDays: g.committedLimitDays, statutoryWorkingDays: g.statutoryLimitDays },
    fees: g.fees,
    legalBasis,
    ...(place ? { place } : {}),
    ...(consultationPhone ? { consultationPhone } : {}),
    ...(notes ? { notes } : {}),
    text: lines.join("\n"),
  };
}
