import * as z from "zod";
import { applicationAccepted } from "#services/intake/events.ts";
import { CALENDAR_SOURCES } from "#shared/calendar/holiday-schedule.ts";
import { dateTimeString, historyEntrySchema, pageOf } from "#shared/http/schemas.ts";
import { REVIEW_DOCUMENT_KINDS } from "./events.ts";
import { TASK_STATES } from "./domain/task.ts";
import { PROCEDURE_KINDS } from "./events.ts";

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
        approvedBy: z.string(),
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
    staffId: z.string(),
    role: z.string(),
    channel: z.string(),
    purpose: z.string(),
    at: datetime,
    recordedAt: datetime,
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
    seal: z.object({
      sealId: z.string(),
      sealName: z.string(),
      sha256: z.string(),
      keyId: z.string(),
      algorithm: z.string(),
      signature: z.string(),
      sealedAt: datetime,
    }),
  })
  .meta({ id: "SealedDocument" });

export const documentVerificationSchema = z
  .object({
    documentId: z.string(),
    number: z.string(),
    title: z.string(),
    intact: z.boolean(),
    signatureValid: z.boolean(),
    valid: z.boolean(),
    presentedCopyMatches: z.boolean().optional(),
    sha256: z.string(),
    sealedBy: z.object({
      sealId: z.string(),
      name: z.string(),
      centerId: z.string(),
      departmentId: z.string(),
    }),
    sealedAt: datetime,
    algorithm: z.string(),
    keyId: z.string(),
  })
  .meta({ id: "DocumentVerification" });
