import { sealedPage } from "#shared/documents/printable-page.ts";
import type { Sealed } from "#shared/signing/sealed-document.ts";
import type { ReviewTask } from "./task.ts";
import type { REVIEW_DOCUMENT_KINDS } from "../contract/events.ts";
import { PROCEDURE_NAMES } from "../contract/events.ts";

/**
 * Review's written documents: the decision (准予 / 不予行政许可决定书), the special-procedure notice (the applicant is
 * told in writing how long it will take — 行政许可法 art. 45) and the extension notice (art. 42). The content below
 * is what is sealed: canonical JSON of it is hashed and signed.
 */
export type ReviewDocumentKind = (typeof REVIEW_DOCUMENT_KINDS)[number];

export interface ReviewDocumentContent {
  id: string;
  kind: ReviewDocumentKind;
  applicationId: string;
  centerId: string;
  departmentId: string;
  number: string;
  title: string;
  body: string[];
  issuedAt: string;
  issuedBy: string;
}

export type ReviewDocument = Sealed<ReviewDocumentContent>;

export const TITLES: Record<ReviewDocumentKind, string> = {
  approvalDecision: "准予行政许可决定书",
  denialDecision: "不予行政许可决定书",
  procedureNotice: "特殊程序告知书",
  extensionNotice: "延长审批期限告知书",
};

export type DocumentFacts =
  | { kind: "approvalDecision"; reasons: string[] }
  | { kind: "denialDecision"; reasons: string[] }
  | {
      kind: "procedureNotice";
      procedure: keyof typeof PROCEDURE_NAMES;
      expectedWorkingDays: number;
      pausesClock: boolean;
    }
  | {
      kind: "extensionNotice";
      extraWorkingDays: number;
      reason: string;
      approvedBy: string;
      approverName: string;
      provision: string;
    };

/** The text, Chinese first (GLOSSARY.md). The applicant is addressed by the case, never by personal data. */
export function reviewDocumentBody(task: ReviewTask, facts: DocumentFacts, departmentName: string): string[] {
  return [...documentText(task, facts, departmentName), ...basisLines(task)];
}

function documentText(task: ReviewTask, facts: DocumentFacts, departmentName: string): string[] {
  const caseRef = `申请编号${task.applicationId}`;
  // 行政许可法 art. 38–39: a written decision is addressed to the applicant, on the item applied for.
  const addressedTo = [
    `申请人：${task.addressee?.name ?? ""}`,
    ...(task.itemName ? [`申请事项：${task.itemName}`] : []),
  ];
  switch (facts.kind) {
    case "approvalDecision":
      return [
        ...addressedTo,
        `你（单位）的申请（${caseRef}），经${departmentName}审查，符合法定条件、标准，根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。`,
        ...facts.reasons.map((r, i) => `  ${i + 1}. ${r}`),
      ];
    case "denialDecision":
      return [
        ...addressedTo,
        `你（单位）的申请（${caseRef}），经${departmentName}审查，根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予行政许可。理由如下：`,
        ...facts.reasons.map((r, i) => `  ${i + 1}. ${r}`),
        "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。",
      ];
    case "procedureNotice":
      return [
        ...addressedTo,
        `你（单位）的申请（${caseRef}）依法需要进行${PROCEDURE_NAMES[facts.procedure]}，预计需要${facts.expectedWorkingDays}个工作日。`,
        facts.pausesClock
          ? "依照《中华人民共和国行政许可法》第四十五条，所需时间不计算在审批期限内。"
          : "所需时间计入审批期限。",
      ];
    case "extensionNotice":
      return [
        ...addressedTo,
        `你（单位）的申请（${caseRef}）因${facts.reason}，在规定期限内不能作出决定，经本机关负责人${facts.approverName}批准，审批期限延长${facts.extraWorkingDays}个工作日（${facts.provision}）。`,
      ];
  }
}

/** The item's own legal basis (设定依据), cited at the foot of every document on the case, where the guide gives it. */
const basisLines = (task: ReviewTask) =>
  task.legalBasis ? [`事项依据：${task.legalBasis.provisions.join("；")}。`] : [];

/** Where anyone holding a copy checks it (the public `GET /v1/documents/{documentId}/verify`), relative to the API. */
export const verifyPath = (documentId: string) => `/v1/documents/${documentId}/verify`;

/**
 * The printable page of a sealed document: the issuing department, its seal and the date at the foot, then the SHA-256
 * of the sealed content and where anyone can verify it.
 */
export const reviewDocumentHtml = (document: ReviewDocument, departmentName: string): string =>
  sealedPage(document, departmentName, verifyPath(document.id));
