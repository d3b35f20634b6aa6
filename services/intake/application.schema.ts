import * as z from "zod";
import { sealRecordSchema } from "#shared/signing/sealed-document.schema.ts";
import { guidePublished } from "#services/catalog/contract/events.ts";
import { deliveryMethodChosen } from "#services/delivery/contract/result-events.ts";
import { CALENDAR_SOURCES } from "#shared/calendar/holiday-schedule.ts";
import { dateTimeString, historyEntrySchema, pageOf } from "#shared/http/schemas.ts";
import { CASE_DOCUMENT_KINDS, DELIVERY_PROGRESS, DOCUMENT_KINDS, STATES } from "./domain/application.ts";

/**
 * The answers about applications (issue 16): what `applicationView` shows, described once — the contract is generated
 * from these and the contract test holds every answer of the suite against them. Numbers may come masked, so answer
 * schemas describe strings, never the input rules (a masked ID number is no valid ID number).
 */
const datetime = dateTimeString;
const calendar = z.enum(CALENDAR_SOURCES).optional();

export const applicantViewSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("person"),
      name: z.string(),
      idNumber: z
        .string()
        .meta({ description: "Masked (110105********002X) except in a case opened by its staff" }),
      phone: z.string().optional(),
    }),
    z.object({
      kind: z.literal("organisation"),
      name: z.string(),
      creditCode: z.string(),
      legalRepresentative: z.string(),
      contact: z.object({ name: z.string(), phone: z.string() }),
    }),
  ])
  .meta({ id: "ApplicantView" });

const materialSchema = z.object({
  name: z.string(),
  required: z.boolean(),
  tolerable: z.boolean(),
  status: z.enum(["paper", "electronic", "eLicense", "commitment", "missing"]),
  eLicense: z.object({ type: z.string(), number: z.string() }).optional(),
  file: z
    .object({
      fileId: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      sha256: z.string().meta({ description: "Base64 of the SHA-256 checked after upload" }),
    })
    .optional()
    .meta({
      description:
        "The checked upload an electronic material is (open it at /v1/applications/{id}/files/{fileId})",
    }),
  pledge: z.string().optional(),
});

export const documentRefSchema = z
  .object({
    id: z.string(),
    kind: z.enum(CASE_DOCUMENT_KINDS),
    number: z.string(),
    issuedAt: datetime,
    href: z.string().meta({ description: "Where to read it; `?format=html` gives the printable page" }),
  })
  .meta({ id: "CaseDocumentRef" });

export const applicationSchema = z
  .object({
    id: z.string(),
    centerId: z.string(),
    itemId: z.string(),
    itemName: z.string(),
    departmentId: z.string(),
    channel: z.enum(["online", "window"]),
    applicant: applicantViewSchema,
    ownerId: z.string().optional(),
    submittedBy: z.object({ id: z.string(), role: z.string() }),
    firstContact: z
      .object({ ownerId: z.string(), at: datetime })
      .optional()
      .meta({ description: "The first-contact owner (首问负责人, art. 19)" }),
    guide: guidePublished.schema.meta({
      description: "The guide version in force at submission (art. 27(二))",
    }),
    materials: z.array(materialSchema),
    assistedHandling: z
      .object({ kind: z.enum(["help", "proxy"]), staffId: z.string().optional() })
      .optional(),
    actingFor: z.object({ authorisationId: z.string(), agentName: z.string() }).optional(),
    crossRegion: z.object({ homeCenterId: z.string(), remoteWindowId: z.string().optional() }).optional(),
    bundleId: z.string().optional(),
    jointHandling: z
      .object({ bundleId: z.string(), basis: z.string(), committedLimitDays: z.number().int() })
      .optional()
      .meta({
        description: "Joint handling of its bundle (行政许可法 art. 26, 42): one 45-working-day period",
      }),
    state: z.enum(STATES),
    submittedAt: datetime,
    materialsArrivedAt: datetime,
    acceptedAt: datetime.optional(),
    correction: z
      .object({
        items: z.array(
          z.object({
            material: z.string().optional(),
            checkpoint: z.string().optional(),
            reason: z.string(),
          }),
        ),
        deadline: datetime,
        calendar,
      })
      .optional(),
    deficiencies: z
      .object({
        materials: z.array(z.string()),
        cureDeadline: datetime,
        calendar,
        curedAt: datetime.optional(),
      })
      .optional(),
    rejection: z.object({ reasons: z.array(z.string()) }).optional(),
    decision: z
      .object({
        outcome: z.enum(["approved", "denied"]),
        decidedAt: datetime,
        documentId: z.string(),
        number: z.string(),
      })
      .meta({ description: "Review's decision, once issued (行政许可法 art. 38)" })
      .optional(),
    delivery: z
      .object({
        deliveryId: z.string(),
        progress: z.enum(DELIVERY_PROGRESS),
        method: deliveryMethodChosen.schema.shape.method.optional(),
        at: datetime,
        expiresAt: datetime.optional(),
        completedAt: datetime.optional(),
      })
      .meta({ description: "Where the result's delivery stands (art. 32)" })
      .optional(),
    documents: z.array(documentRefSchema),
    version: z.number().int(),
    updatedAt: datetime,
  })
  .meta({ id: "Application" });

export const applicationWithHistorySchema = applicationSchema
  .extend({ history: z.array(historyEntrySchema) })
  .meta({ id: "ApplicationWithHistory" });

export const applicationPageSchema = pageOf(applicationSchema, "ApplicationPage");

export const bundleSchema = z
  .object({ bundleId: z.string(), applications: z.array(applicationSchema) })
  .meta({ id: "Bundle" });

export const acceptanceDocumentSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    centerId: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    number: z.string(),
    year: z.number().int(),
    series: z.string().optional(),
    sequence: z.number().int(),
    issuedAt: datetime,
    issuedBy: z.string(),
    addressee: z.object({ kind: z.enum(["person", "organisation"]), name: z.string() }),
    itemName: z.string(),
    legalBasis: z.array(z.string()),
    title: z.string(),
    body: z.array(z.string()),
    seal: sealRecordSchema,
  })
  .meta({ id: "AcceptanceDocument" });

export const acceptanceDecidedSchema = z
  .object({ application: applicationSchema, document: acceptanceDocumentSchema })
  .meta({ id: "AcceptanceDecided" });
