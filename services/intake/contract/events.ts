import * as z from "zod";
import { legalBasisSchema } from "#services/catalog/contract/guide-values.ts";
import { CALENDAR_SOURCES } from "#shared/calendar/holiday-schedule.ts";
import { defineEvent } from "#shared/events/define-event.ts";

/**
 * Intake's events about applications, bundles and consultations. They carry no personal data (ID and phone numbers
 * stay in intake's table): other services act on ids, dates and rules. One exception, by law: the acceptance events
 * carry the applicant's name (`addressee`), since review's written decision is addressed to the applicant
 * (行政许可法 art. 38–39) and review keeps no other copy of who applied.
 */

const limits = {
  committedLimitDays: z.number().int().positive(),
  statutoryLimitDays: z.number().int().positive(),
};
const ref = {
  applicationId: z.string(),
  centerId: z.string(),
  itemId: z.string(),
  departmentId: z.string(),
  /** The applicant account that owns the case, if any: other services let the owner see what concerns them. */
  ownerId: z.string().optional(),
};
const datetime = z.iso.datetime({ offset: true });

/**
 * Who a case's documents are addressed to, and for what (the item's name): on the acceptance events only. Optional:
 * events published before it was added lack it.
 */
const addressed = {
  addressee: z.object({ kind: z.enum(["person", "organisation"]), name: z.string() }).optional(),
  itemName: z.string().optional(),
  /** The item's legal basis from the guide the case follows: cited on review's documents, and whether it may be extended. */
  legalBasis: legalBasisSchema.optional(),
  /** The one-thing bundle is handled jointly (行政许可法 art. 26): one 45-working-day period, extendable by 15 (art. 42). */
  jointHandling: z.object({ bundleId: z.string(), basis: z.string() }).optional(),
};

export const applicationSubmitted = defineEvent(
  "application.submitted",
  1,
  z.object({
    ...ref,
    channel: z.enum(["online", "window"]),
    applicantKind: z.enum(["person", "organisation"]),
    bundleId: z.string().optional(),
    /** Accepted here for an item of another region (art. 38): the center whose region the item belongs to. */
    crossRegion: z.object({ homeCenterId: z.string(), remoteWindowId: z.string().optional() }).optional(),
    assistedHandling: z.boolean(),
    guideVersion: z.number().int().positive(),
    /** The guide's limits: supervision sizes the whole-case clock before acceptance (art. 21). */
    ...limits,
    /** When the materials arrived: supervision's 5-working-day acceptance clock counts from here. */
    materialsArrivedAt: datetime,
    missingRequired: z.array(z.string()),
  }),
  "An application was submitted online or at a window (art. 25); its materials arrived.",
);

export const applicationAccepted = defineEvent(
  "application.accepted",
  1,
  z.object({
    ...ref,
    ...limits,
    guideVersion: z.number().int(),
    ...addressed,
    acceptedAt: datetime,
    receiptDocumentId: z.string(),
  }),
  "A clerk accepted the application and issued the acceptance receipt (art. 27(一)).",
);

export const correctionRequested = defineEvent(
  "application.correction-requested",
  1,
  z.object({
    ...ref,
    items: z.array(
      z.object({ material: z.string().optional(), checkpoint: z.string().optional(), reason: z.string() }),
    ),
    deadline: z.iso.date(),
    /** Where the deadline's working days came from, when computed (`provisional`: statutory holidays only). */
    deadlineCalendar: z.enum(CALENDAR_SOURCES).optional(),
    documentId: z.string(),
  }),
  "A correction notice told everything missing or incorrect at once, in writing, with a deadline (art. 27(二)).",
);

export const applicationSupplemented = defineEvent(
  "application.supplemented",
  1,
  z.object({ ...ref, materials: z.array(z.string()), materialsArrivedAt: datetime, state: z.string() }),
  "The applicant supplied materials: after a correction notice the acceptance window starts again; after a tolerant acceptance part of the deficiencies is cured.",
);

export const acceptedWithDeficiencies = defineEvent(
  "application.accepted-with-deficiencies",
  1,
  z.object({
    ...ref,
    ...limits,
    guideVersion: z.number().int(),
    ...addressed,
    acceptedAt: datetime,
    missingMaterials: z.array(z.string()),
    /** The last day to cure (inclusive, Beijing time). */
    cureDeadline: z.iso.date(),
    /** Where the cure deadline's working days came from, when computed. */
    cureDeadlineCalendar: z.enum(CALENDAR_SOURCES).optional(),
    documentId: z.string(),
  }),
  "Accepted with deficiencies (容缺受理, art. 27(三), 37): review may start; the deficiencies must be cured in time.",
);

export const deficiencyCured = defineEvent(
  "application.deficiency-cured",
  1,
  z.object({ ...ref, curedAt: datetime, materials: z.array(z.string()) }),
  "Every deficiency of a tolerant acceptance was cured.",
);

export const applicationRejected = defineEvent(
  "application.rejected",
  1,
  z.object({ ...ref, reasons: z.array(z.string()).min(1), rejectedAt: datetime, documentId: z.string() }),
  "Not accepted: the rejection notice states the reasons (art. 27(四)).",
);

export const deemedAccepted = defineEvent(
  "application.deemed-accepted",
  1,
  z.object({
    ...ref,
    ...limits,
    guideVersion: z.number().int(),
    ...addressed,
    acceptedAsOf: datetime,
    receiptDocumentId: z.string(),
  }),
  "No notice within the acceptance window: accepted as of the day the materials arrived (行政许可法 art. 32).",
);

export const bundleSubmitted = defineEvent(
  "bundle.submitted",
  1,
  z.object({ bundleId: z.string(), centerId: z.string(), applicationIds: z.array(z.string()).min(2) }),
  "Several items applied for together in one visit (高效办成一件事, art. 34).",
);

const authorisationRef = {
  authorisationId: z.string(),
  centerId: z.string(),
};

export const authorisationRecorded = defineEvent(
  "authorisation.recorded",
  1,
  z.object({
    ...authorisationRef,
    grantorKind: z.enum(["person", "organisation"]),
    documentKind: z.string(),
    /** Absent: every item. */
    itemIds: z.array(z.string()).optional(),
    validFrom: z.iso.date(),
    validUntil: z.iso.date(),
  }),
  "A clerk recorded, from the document shown at a window, that someone may act for an applicant (代办; issue 15).",
);

export const authorisationRevoked = defineEvent(
  "authorisation.revoked",
  1,
  z.object({ ...authorisationRef, revokedBy: z.enum(["grantor", "clerk"]) }),
  "An authorisation to act for an applicant was revoked, by its grantor or a clerk (issue 15).",
);

export const consultationRecorded = defineEvent(
  "consultation.recorded",
  1,
  z.object({
    consultationId: z.string(),
    centerId: z.string(),
    channel: z.enum(["onSite", "phone", "online", "hotline"]),
    itemId: z.string().optional(),
    firstContactOwnerId: z.string(),
    recordedAt: datetime,
    oneTimeNoticeGuideVersion: z.number().int().optional(),
  }),
  "A consultation was answered and recorded by its first-contact owner (art. 19–20, 23–24).",
);

/**
 * How to reach the applicant about the case (art. 31) — the one intake event that carries personal data, kept apart so
 * that only delivery, which must send the messages, subscribes to it. Logs mask it like everything else.
 */
export const contactProvided = defineEvent(
  "application.contact-provided",
  1,
  z.object({
    applicationId: z.string(),
    centerId: z.string(),
    ownerId: z.string().optional(),
    applicantName: z.string(),
    /** The ID number or credit code an e-license would be issued to (art. 36). */
    holder: z.string(),
    channels: z.array(z.enum(["sms", "email", "inbox", "call"])).min(1),
    phone: z.string().optional(),
    email: z.string().optional(),
    /**
     * Who gave the contact details: a clerk at the window (used as given), or the applicant online — then the
     * account's verified contacts are used instead (issue 15: the official sender is not aimed where anyone types).
     */
    recordedBy: z.enum(["applicant", "clerk"]).optional(),
  }),
  "How the applicant asked to be told about the case: the channels chosen and the contact details they need.",
);

export const applicationEvents = [
  applicationSubmitted,
  applicationAccepted,
  correctionRequested,
  applicationSupplemented,
  acceptedWithDeficiencies,
  deficiencyCured,
  applicationRejected,
  deemedAccepted,
  bundleSubmitted,
  consultationRecorded,
  contactProvided,
  authorisationRecorded,
  authorisationRevoked,
] as const;
