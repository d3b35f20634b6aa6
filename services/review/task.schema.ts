import * as z from "zod";
import { applicationAccepted } from "#services/intake/contract/events.ts";
import { legalBasisSchema } from "#services/catalog/contract/guide-values.ts";
import { CALENDAR_SOURCES } from "#shared/calendar/holiday-schedule.ts";
import { dateTimeString, historyEntrySchema, pageOf } from "#shared/http/schemas.ts";
import { sealRecordSchema } from "#shared/signing/sealed-document.schema.ts";
import { REVIEW_DOCUMENT_KINDS } from "./contract/events.ts";
import { CONTACT_CHANNELS, CONTACT_FLAGS, CONTACT_PLACES } from "./domain/contact.ts";
import { TASK_STATES } from "./domain/task.ts";
import { PROCEDURE_KINDS } from "./contract/events.ts";

/** The answers about review tasks (issue 16), described once: the contract and the contract test both use these. */
const datetime = dateTimeString;
const correctionItem = z.object({
  material: z.string().optional(),
  checkpoint: z.string().optional(),
  reason: z.string(),
});

export const reviewTaskSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    centerId: z.string(),
    departmentId: z.string(),
    itemId: z.string(),
    ownerId: z.string().optional(),
    addressee: applicationAccepted.schema.shape.addressee,
    itemName: z.string().optional(),
    /** The item's legal basis from the guide the case follows: its provisions, and how far it may be extended. */
    legalBasis: legalBasisSchema.optional(),
    jointHandling: z.object({ bundleId: z.string(), basis: z.string() }).optional(),
    guideVersion: z.number().int(),
    acceptance: z.enum(["accepted", "deemed", "tolerant"]),
    acceptedAt: datetime,
    committedLimitDays: z.number().int(),
    statutoryLimitDays: z.number().int(),
    dueAt: datetime.optional(),
    dueCalendar: z.enum(CALENDAR_SOURCES).optional(),
    state: z.enum(TASK_STATES),
    assigneeId: z.string().optional(),
    procedures: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(PROCEDURE_KINDS),
        expectedWorkingDays: z.number().int(),
        reason: z.string(),
        pausesClock: z.boolean(),
        startedAt: datetime,
        completedAt: datetime.optional(),
        summary: z.string().optional(),
        noticeDocumentId: z.string(),
      }),
    ),
    extension: z
      .object({
        extraWorkingDays: z.number().int(),
        reason: z.string(),
        approvedBy: z
          .string()
          .meta({ description: "The roster entry (stf_…) of the department head who approved it" }),
        approverName: z.string().optional(),
        provision: z.string().optional(),
        extendedAt: datetime,
        noticeDocumentId: z.string(),
      })
      .optional(),
    recommendation: z
      .object({
        recommendation: z.enum(["approve", "deny"]),
        reason: z.string(),
        recommendedBy: z.string(),
        recommendedAt: datetime,
      })
      .optional(),
    materialRequests: z.array(
      z.object({ items: z.array(correctionItem), requestedAt: datetime, requestedBy: z.string() }),
    ),
    deficiencies: z
      .object({ materials: z.array(z.string()), cureDeadline: datetime, curedAt: datetime.optional() })
      .optional(),
    decision: z
      .object({
        decision: z.enum(["approved", "denied"]),
        reasons: z.array(z.string()),
        decidedAt: datetime,
        deciderId: z.string(),
        documentId: z.string(),
      })
      .optional(),
    version: z.number().int(),
    updatedAt: datetime,
  })
  .meta({ id: "ReviewTask" });

export const reviewTaskWithHistorySchema = reviewTaskSchema
  .extend({ history: z.array(historyEntrySchema) })
  .meta({ id: "ReviewTaskWithHistory" });

export const reviewTaskPageSchema = pageOf(reviewTaskSchema, "ReviewTaskPage");

export const caseContactSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    centerId: z.string().optional(),
    departmentId: z.string().optional(),
    staffId: z.string(),
    role: z.string(),
    channel: z.enum(CONTACT_CHANNELS),
    place: z.enum(CONTACT_PLACES).optional(),
    purpose: z.string(),
    at: datetime,
    recordedAt: datetime,
    flags: z.array(z.enum(CONTACT_FLAGS)).optional().meta({
      description:
        "Art. 30: outside working time, away from the center without need, at a department's office",
    }),
  })
  .meta({ id: "CaseContact" });

export const caseContactListSchema = pageOf(caseContactSchema, "CaseContactList");

export const sealedDocumentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(REVIEW_DOCUMENT_KINDS),
    applicationId: z.string(),
    centerId: z.string(),
    departmentId: z.string(),
    number: z.string(),
    title: z.string(),
    body: z.array(z.string()),
    issuedAt: datetime,
    issuedBy: z.string(),
    seal: sealRecordSchema,
  })
  .meta({ id: "SealedDocument" });
