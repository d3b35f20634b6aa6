import { businessDate } from "#shared/calendar/time-zone.ts";
import type { CalendarSource } from "#shared/calendar/holiday-schedule.ts";
import { chineseDate, sealedPage } from "#shared/documents/printable-page.ts";
import type { Sealed } from "#shared/signing/sealed-document.ts";
import { decisionLimits, type Application, type CorrectionItem, type DocumentKind } from "./application.ts";

/**
 * The written acceptance documents (art. 27, 29): numbered without gaps per center and year, dated, addressed to the
 * applicant on the item and the case, citing the law they rest on, in Chinese — and sealed like review's decisions
 * (the content below is what is hashed and signed; anyone can verify it). Pure: the adapter supplies the sequence
 * number inside the deciding transaction, the use case the seal.
 */
export interface AcceptanceDocumentContent {
  id: string;
  applicationId: string;
  centerId: string;
  kind: DocumentKind;
  /** `2026-000123`, or `2026-A03-000123` in a window's series: year, series and gap-free sequence within it. */
  number: string;
  year: number;
  /** The window's code when the document is numbered in the window's own series. */
  series?: string;
  sequence: number;
  issuedAt: string;
  issuedBy: string;
  /** Whom it is addressed to: the applicant, person or organisation, as on the application (行政许可法 art. 32). */
  addressee: { kind: "person" | "organisation"; name: string };
  itemName: string;
  /** The provisions the document rests on: the acceptance article, then the item's own legal basis. */
  legalBasis: string[];
  title: string;
  body: string[];
}

export type AcceptanceDocument = Sealed<AcceptanceDocumentContent>;

export const TITLES: Record<DocumentKind, string> = {
  acceptanceReceipt: "受理凭证",
  correctionNotice: "补齐补正通知书",
  tolerantAcceptanceNotice: "容缺受理通知书",
  rejectionNotice: "不予受理凭证",
  deemedAcceptanceReceipt: "受理凭证（视为受理）",
};

export const documentNumber = (year: number, sequence: number, series?: string) =>
  `${year}-${series ? `${series}-` : ""}${String(sequence).padStart(6, "0")}`;

/** 2026-11-25 → 2026年11月25日 (shared with review's documents). */
export { chineseDate };

export type Decision =
  | { kind: "acceptanceReceipt" }
  | { kind: "deemedAcceptanceReceipt" }
  | { kind: "correctionNotice"; items: CorrectionItem[]; deadline: string; calendar?: CalendarSource }
  | { kind: "tolerantAcceptanceNotice"; missing: string[]; cureDeadline: string; calendar?: CalendarSource }
  | { kind: "rejectionNotice"; reasons: string[] };

/**
 * The line a notice carries when its deadline was counted on a provisional year (DOMAIN.md): the date stands as printed
 * — a notice's date is a legal fact — even when the year's schedule is published later.
 */
export function provisionalLine(deadline: string): string {
  return `注：上述期限按《全国年节及纪念日放假办法》规定的法定节假日推算，${deadline.slice(0, 4)}年部分节假日安排待国务院办公厅公布；本通知所载日期不因其后公布的安排而改变。`;
}

/** The provision each document applies (行政许可法 art. 32 for receipts, notices and rejections; art. 27(三) 容缺). */
const PROVISION: Record<DocumentKind, string> = {
  acceptanceReceipt: "《中华人民共和国行政许可法》第三十二条第一款第（五）项",
  deemedAcceptanceReceipt: "《中华人民共和国行政许可法》第三十二条第一款第（四）项",
  correctionNotice: "《中华人民共和国行政许可法》第三十二条第一款第（四）项",
  tolerantAcceptanceNotice: "《北京市政务服务场所管理办法》第二十七条第（三）项",
  rejectionNotice: "《中华人民共和国行政许可法》第三十二条第一款第（一）项、第（二）项",
};

/** What a document rests on: its own provision, then the item's legal basis from the guide the application follows. */
export const legalBasisOf = (application: Application, kind: DocumentKind): string[] => [
  PROVISION[kind],
  ...(application.guide.guide.legalBasis?.provisions ?? []),
];

/** The lines that head every document: the applicant, the item, the case (行政许可法 art. 32, 38–39). */
function heading(application: Application): string[] {
  return [
    `申请人：${application.applicant.name}`,
    `申请事项：${application.itemName}`,
    `申请编号：${application.id}`,
  ];
}

/** The line naming what the document rests on. */
const basisLine = (application: Application, kind: DocumentKind) =>
  `依据：${legalBasisOf(application, kind).join("；")}。`;

/** The text of a document, from the application and the decision. */
export function documentBody(application: Application, decision: Decision, centerName: string): string[] {
  const who = [...heading(application), `${application.applicant.name}：`];
  const arrived = chineseDate(businessDate(new Date(application.materialsArrivedAt)));
  const what = `你（单位）于${arrived}向${centerName}提交的“${application.itemName}”申请`;
  const { committedLimitDays, statutoryLimitDays } = decisionLimits(application);
  const joint = application.jointHandling
    ? `本申请与同一“一件事”的其他事项依${application.jointHandling.basis}联合办理，办理时限合计不超过${statutoryLimitDays}个工作日（《中华人民共和国行政许可法》第四十二条第二款）。`
    : "";
  const limit = `承诺办结时限为${committedLimitDays}个工作日（法定时限${statutoryLimitDays}个工作日），自受理之日起计算。${joint}`;
  const materials = application.materials
    .filter((m) => m.status !== "missing")
    .map(
      (m, i) =>
        `  ${i + 1}. ${m.name}（${{ paper: "纸质材料", electronic: "电子材料", eLicense: "电子证照", commitment: "告知承诺" }[m.status as "paper"]}）`,
    );
  const text = bodyText(decision, { who, what, arrived, limit, materials });
  return [...text, basisLine(application, decision.kind)];
}

function bodyText(
  decision: Decision,
  {
    who,
    what,
    arrived,
    limit,
    materials,
  }: Record<"what" | "arrived" | "limit", string> & {
    who: string[];
    materials: string[];
  },
): string[] {
  switch (decision.kind) {
    case "acceptanceReceipt":
      return [
        ...who,
        `${what}，经审查，申请材料齐全、符合法定形式，决定予以受理。${limit}`,
        "已收取材料：",
        ...materials,
      ];
    case "deemedAcceptanceReceipt":
      return [
        ...who,
        `${what}，本中心未在五个工作日内一次性告知需补正的全部内容，依照《中华人民共和国行政许可法》第三十二条，自收到申请材料之日（${arrived}）起即为受理。${limit}`,
      ];
    case "correctionNotice":
      return [
        ...who,
        `${what}，经审查，申请材料不齐全或者不符合法定形式。现一次性告知，请于${chineseDate(decision.deadline)}前补齐补正以下全部内容：`,
        ...decision.items.map((item, i) => `  ${i + 1}. ${item.material ?? item.checkpoint}：${item.reason}`),
        "补齐补正内容不超出办事指南和受理审核要点的要求。补齐补正后，本中心将重新审查并作出是否受理的决定。",
        ...(decision.calendar === "provisional" ? [provisionalLine(decision.deadline)] : []),
      ];
    case "tolerantAcceptanceNotice":
      return [
        ...who,
        `${what}，经审查，符合容缺受理条件，决定先予受理。${limit}`,
        `请于${chineseDate(decision.cureDeadline)}前补正以下材料：`,
        ...decision.missing.map((name, i) => `  ${i + 1}. ${name}`),
        "逾期未补正，或者补正后仍不符合要求的，将依法作出不予批准的决定并说明理由。",
        ...(decision.calendar === "provisional" ? [provisionalLine(decision.cureDeadline)] : []),
      ];
    case "rejectionNotice":
      return [
        ...who,
        `${what}，经审查，不符合受理条件，决定不予受理。理由如下：`,
        ...decision.reasons.map((reason, i) => `  ${i + 1}. ${reason}`),
        "如不服本决定，可以自收到本凭证之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。",
      ];
  }
}

/** Where anyone holding a copy checks it (the public `…/verify`), relative to the API. */
export const verifyPath = (doc: Pick<AcceptanceDocument, "applicationId" | "id">) =>
  `/v1/applications/${doc.applicationId}/documents/${doc.id}/verify`;

/** A printable page (A4): the center, its seal and the date at the foot, then the seal's digest and where to verify it. */
export const documentHtml = (doc: AcceptanceDocument, centerName: string): string =>
  sealedPage(doc, centerName, verifyPath(doc), "凭证");
