import * as z from "zod";
import { defineEvent } from "#shared/events/define-event.ts";

/** Review's events (art. 21, 28–30, 44; 行政许可法 art. 42–45). Ids, dates and rules — no personal data. */
const ref = { applicationId: z.string(), taskId: z.string(), centerId: z.string(), departmentId: z.string() };
const datetime = z.iso.datetime({ offset: true });

/**
 * The special procedures whose time is not counted in the review deadline (行政许可法 art. 45), with the Chinese name
 * documents and messages use. Part of the event contract, so every consumer names them alike.
 */
export const PROCEDURE_NAMES = {
  hearing: "听证",
  bidding: "招标",
  auction: "拍卖",
  inspection: "检验",
  testing: "检测",
  quarantine: "检疫",
  appraisal: "鉴定",
  expertReview: "专家评审",
  publicNotice: "公示",
} as const;
export const PROCEDURE_KINDS = Object.keys(PROCEDURE_NAMES) as [
  keyof typeof PROCEDURE_NAMES,
  ...(keyof typeof PROCEDURE_NAMES)[],
];

/** The sealed documents review issues on a case, as its events and answers name them (published with the events). */
export const REVIEW_DOCUMENT_KINDS = [
  "approvalDecision",
  "denialDecision",
  "procedureNotice",
  "extensionNotice",
] as const;

export const reviewAssigned = defineEvent(
  "review.assigned",
  1,
  z.object({
    ...ref,
    itemId: z.string(),
    assigneeId: z.string().optional(),
    reason: z.string().optional(),
    assignedAt: datetime,
  }),
  "A review task was routed to the item's department in the center, or (re)assigned to an approver.",
);

export const procedureStarted = defineEvent(
  "review.procedure-started",
  1,
  z.object({
    ...ref,
    procedureId: z.string(),
    kind: z.enum(PROCEDURE_KINDS),
    expectedWorkingDays: z.number().int().positive(),
    /** Whether the review clock stops meanwhile (行政许可法 art. 45; public notice by local policy). */
    pausesClock: z.boolean(),
    startedAt: datetime,
    noticeDocumentId: z.string(),
    /** The notice's number, as the applicant's case lists it (optional: events before it was added lack it). */
    noticeNumber: z.string().optional(),
  }),
  "A special procedure started; the applicant was told in writing how long it will take.",
);

export const procedureCompleted = defineEvent(
  "review.procedure-completed",
  1,
  z.object({
    ...ref,
    procedureId: z.string(),
    kind: z.enum(PROCEDURE_KINDS),
    pausesClock: z.boolean(),
    completedAt: datetime,
  }),
  "A special procedure completed; a paused review clock resumes.",
);

export const reviewExtended = defineEvent(
  "review.extended",
  1,
  z.object({
    ...ref,
    extraWorkingDays: z.number().int().positive(),
    reason: z.string(),
    /** The roster entry (`stf_…`) of the department head who approved it. */
    approvedBy: z.string(),
    /** The provision of the item's legal basis that allows it (optional: events before it was added lack it). */
    provision: z.string().optional(),
    extendedAt: datetime,
    noticeDocumentId: z.string(),
    /** The notice's number, as the applicant's case lists it (optional: events before it was added lack it). */
    noticeNumber: z.string().optional(),
  }),
  "The decision period was extended once, with the head's approval and a reason told to the applicant (行政许可法 art. 42).",
);

export const materialsRequested = defineEvent(
  "review.materials-requested",
  1,
  z.object({
    ...ref,
    items: z.array(
      z.object({ material: z.string().optional(), checkpoint: z.string().optional(), reason: z.string() }),
    ),
    requestedAt: datetime,
  }),
  "Review asked for materials — each citing the guide the application follows (art. 28: no hidden requirements).",
);

export const reviewRecommended = defineEvent(
  "review.recommended",
  1,
  z.object({
    ...ref,
    recommendation: z.enum(["approve", "deny"]),
    reason: z.string(),
    recommendedBy: z.string(),
    recommendedAt: datetime,
  }),
  "For an item outside the authorized list, the chief representative's recommendation to the back office (art. 44).",
);

/** The chief representative decided a case without holding its claim (whose it was, if anyone's): recorded. */
const override = z.object({ assigneeId: z.string().optional() }).optional();

export const reviewDecided = defineEvent(
  "review.decided",
  1,
  z.object({
    ...ref,
    itemId: z.string(),
    decision: z.enum(["approved", "denied"]),
    reasons: z.array(z.string()),
    decidedAt: datetime,
    deciderId: z.string(),
    /** The authority the decision rests on (art. 28, 44). */
    basis: z.discriminatedUnion("kind", [
      z.object({
        kind: z.literal("authorization"),
        listRef: z.string(),
        role: z.string(),
        override: override,
      }),
      z.object({
        kind: z.literal("department"),
        departmentId: z.string(),
        role: z.string(),
        override: override,
      }),
      z.object({ kind: z.literal("cureExpired") }),
    ]),
    documentId: z.string(),
    /** The sealed decision itself, so the result can be delivered without reading review's table. */
    document: z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      body: z.array(z.string()),
      issuedAt: datetime,
      sealName: z.string(),
      sha256: z.string(),
    }),
  }),
  "The application was approved or denied; the sealed decision document was issued.",
);

export const contactRecorded = defineEvent(
  "review.contact-recorded",
  1,
  z.object({
    ...ref,
    contactId: z.string(),
    staffId: z.string(),
    channel: z.string(),
    /** Where an in-person contact took place (optional: events before it was added lack it). */
    place: z.string().optional(),
    purpose: z.string(),
    at: datetime,
    /** Art. 30 flags: outsideHours, offSite, summonedToDepartment. */
    flags: z.array(z.string()).optional(),
  }),
  "A staff contact with the applicant on a case, through the center's channels (art. 30); flagged when outside working time or away from the center without need.",
);

export const reviewEvents = [
  reviewAssigned,
  procedureStarted,
  procedureCompleted,
  reviewExtended,
  materialsRequested,
  reviewRecommended,
  reviewDecided,
  contactRecorded,
] as const;
