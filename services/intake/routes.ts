import * as z from "zod";
import { STAFF_ROLES } from "#shared/auth/roles.ts";
import {
  commonErrors,
  conflict,
  idSchema,
  notFound,
  pageQuery,
  unprocessable,
} from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";
import {
  documentVerificationSchema,
  verificationQuerySchema,
} from "#shared/signing/sealed-document.schema.ts";
import { acceptanceDecisionSchema } from "./domain/acceptance.ts";
import {
  acceptanceDocumentSchema,
  acceptanceDecidedSchema,
  applicationPageSchema,
  applicationSchema,
  applicationWithHistorySchema,
  bundleSchema,
} from "./application.schema.ts";
import { authorisationPageSchema, authorisationSchema } from "./authorisation.schema.ts";
import { consultationSchema, oneTimeNoticeSchema } from "./consultation.schema.ts";
import { applicantSchema } from "./domain/applicant.ts";
import { STATES } from "./domain/application.ts";
import { authorisationInputSchema } from "./domain/authorisation.ts";
import { consultationInputSchema } from "./domain/consultation.ts";
import { notificationPreferencesSchema } from "./domain/contact.ts";
import { submittedMaterialSchema } from "./domain/materials.ts";
import { NOTICE_LANGUAGES } from "./domain/one-time-notice.ts";

const applicationParams = z.object({ applicationId: idSchema("app") });
const authorisationParams = z.object({ authorisationId: idSchema("auz") });
const writes = { ...commonErrors, ...notFound, ...conflict, ...unprocessable };

const submissionFields = {
  centerId: idSchema("ctr"),
  channel: z.enum(["online", "window"]),
  applicant: applicantSchema,
  applicantUserId: z.string().min(1).max(128).optional(),
  assistedHandling: z
    .object({ kind: z.enum(["help", "proxy"]), staffId: idSchema("stf").optional() })
    .optional(),
  crossRegion: z
    .object({ homeCenterId: idSchema("ctr"), remoteWindowId: idSchema("win").optional() })
    .optional(),
  notifications: notificationPreferencesSchema.optional(),
  /** Applying for someone else (代办): the authorisation a clerk recorded at a window (issue 15). */
  actingFor: z.object({ authorisationId: idSchema("auz") }).optional(),
};
const itemRequest = {
  itemId: idSchema("itm"),
  materials: z.array(submittedMaterialSchema).max(100).default([]),
};

export const routes = {
  getOneTimeNotice: route("GET /v1/items/{itemId}/one-time-notice", {
    handler: "get-one-time-notice",
    auth: "public",
    summary:
      "The one-time notice (一次性告知, art. 20, 37) generated from the item's guide in force; for a center (`centerId`), with where, when and whom to ask; in English (`lang=en`) where the guide has its English text (art. 15)",
    params: z.object({ itemId: idSchema("itm") }),
    query: z.object({
      centerId: idSchema("ctr").optional(),
      lang: z.enum(NOTICE_LANGUAGES).default("zh").meta({
        description:
          "`en`: in English where the guide has its English text, else in Chinese with `englishAvailable: false` (art. 15)",
      }),
    }),
    responses: {
      200: { description: "The notice, structured and as printable text", schema: oneTimeNoticeSchema },
      400: commonErrors[400],
      ...notFound,
    },
  }),
  submitApplication: route("POST /v1/applications", {
    handler: "submit-application",
    auth: ["applicant", "clerk"],
    summary: "Submit an application online (applicant) or at a window (clerk) — art. 25, 36–38",
    body: z.object({ ...submissionFields, ...itemRequest }),
    responses: {
      201: { description: "The application, state submitted", schema: applicationSchema },
      ...writes,
    },
    idempotent: "in-transaction",
  }),
  submitBundle: route("POST /v1/applications/bundles", {
    handler: "submit-bundle",
    auth: ["applicant", "clerk"],
    summary: "One-thing bundle: several items in one submission (高效办成一件事, art. 34)",
    body: z.object({
      ...submissionFields,
      items: z.array(z.object(itemRequest)).min(2).max(10),
      /**
       * The one-thing is handled jointly (统一办理、联合办理、集中办理, 行政许可法 art. 26) on the government's decision
       * (its number): one 45-working-day period for the whole, extendable once by 15 (art. 42 para. 2). The center's
       * clerk declares it; an applicant cannot (422).
       */
      jointHandling: z.object({ basis: z.string().trim().min(2).max(300) }).optional(),
    }),
    responses: {
      201: { description: "The bundle and its linked applications", schema: bundleSchema },
      ...writes,
    },
    idempotent: "in-transaction",
  }),
  listApplications: route("GET /v1/applications", {
    handler: "list-applications",
    auth: ["applicant", ...STAFF_ROLES],
    summary: "Applicants: their own. Staff: their center's, by state",
    query: z.object({ state: z.enum(STATES).default("submitted"), ...pageQuery }),
    responses: {
      200: { description: "A page of applications", schema: applicationPageSchema },
      ...commonErrors,
    },
  }),
  getApplication: route("GET /v1/applications/{applicationId}", {
    handler: "get-application",
    auth: ["applicant", ...STAFF_ROLES],
    summary: "State, materials, documents and full history (owner, or staff of its center)",
    params: applicationParams,
    responses: {
      200: { description: "The application with its history", schema: applicationWithHistorySchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  decideAcceptance: route("POST /v1/applications/{applicationId}/acceptance", {
    handler: "decide-acceptance",
    auth: ["clerk"],
    summary: "Accepted, correction, tolerant or rejected (art. 27) — issues the numbered document",
    params: applicationParams,
    body: acceptanceDecisionSchema,
    responses: {
      200: { description: "The application and the document issued", schema: acceptanceDecidedSchema },
      ...writes,
    },
  }),
  supplement: route("POST /v1/applications/{applicationId}/supplements", {
    handler: "supplement",
    auth: ["applicant", "clerk"],
    summary: "Materials answering a correction notice or curing a tolerant acceptance's deficiencies",
    params: applicationParams,
    body: z.object({ materials: z.array(submittedMaterialSchema).min(1).max(100) }),
    responses: { 200: { description: "The application", schema: applicationSchema }, ...writes },
  }),
  getAcceptanceDocument: route("GET /v1/applications/{applicationId}/documents/{documentId}", {
    handler: "get-acceptance-document",
    auth: ["applicant", ...STAFF_ROLES],
    summary:
      "An acceptance receipt or notice issued by intake, as JSON or printable HTML (`?format=html`); review's sealed documents are at /v1/documents/{documentId}",
    params: z.object({ applicationId: idSchema("app"), documentId: idSchema("doc") }),
    query: z.object({ format: z.enum(["json", "html"]).default("json") }),
    responses: {
      200: {
        description: "The document (application/json, or printable text/html with `format=html`)",
        schema: acceptanceDocumentSchema,
        alternatives: { "text/html": z.string().meta({ description: "A printable page" }) },
      },
      ...commonErrors,
      ...notFound,
    },
  }),
  verifyAcceptanceDocument: route("GET /v1/applications/{applicationId}/documents/{documentId}/verify", {
    handler: "verify-acceptance-document",
    auth: "public",
    summary:
      "Whether a receipt or notice is intact and sealed by whom (optionally against the SHA-256 of a presented copy) — for anyone holding it",
    params: z.object({ applicationId: idSchema("app"), documentId: idSchema("doc") }),
    query: verificationQuerySchema,
    responses: {
      200: { description: "The verification", schema: documentVerificationSchema },
      400: commonErrors[400],
      ...notFound,
    },
  }),
  recordConsultation: route("POST /v1/consultations", {
    handler: "record-consultation",
    auth: STAFF_ROLES,
    summary: "Record a consultation; asking about an item attaches its one-time notice (art. 19–20, 23–24)",
    body: consultationInputSchema.extend({ itemId: idSchema("itm").optional() }),
    responses: { 201: { description: "The consultation", schema: consultationSchema }, ...writes },
  }),
  recordAuthorisation: route("POST /v1/authorisations", {
    handler: "record-authorisation",
    auth: ["clerk"],
    summary: "Record, from the document shown at a window, that an agent may act for an applicant (代办)",
    body: authorisationInputSchema,
    responses: { 201: { description: "The authorisation", schema: authorisationSchema }, ...writes },
  }),
  getAuthorisation: route("GET /v1/authorisations/{authorisationId}", {
    handler: "get-authorisation",
    auth: ["applicant", ...STAFF_ROLES],
    summary: "An authorisation: to its grantor, its agent, or the staff of the center that recorded it",
    params: authorisationParams,
    responses: {
      200: { description: "The authorisation", schema: authorisationSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  revokeAuthorisation: route("POST /v1/authorisations/{authorisationId}/revocation", {
    handler: "revoke-authorisation",
    auth: ["applicant", "clerk"],
    summary: "Revoke an authorisation: its grantor online, or a clerk of the center that recorded it",
    params: authorisationParams,
    responses: { 200: { description: "The authorisation, revoked", schema: authorisationSchema }, ...writes },
  }),
  listMyAuthorisations: route("GET /v1/me/authorisations", {
    handler: "list-my-authorisations",
    auth: ["applicant"],
    summary: "The authorisations that let the signed-in applicant act for others (ID numbers masked)",
    query: z.object(pageQuery),
    responses: {
      200: { description: "A page of authorisations", schema: authorisationPageSchema },
      ...commonErrors,
    },
  }),
  getConsultation: route("GET /v1/consultations/{consultationId}", {
    handler: "get-consultation",
    auth: STAFF_ROLES,
    summary: "A recorded consultation (staff of its center)",
    params: z.object({ consultationId: idSchema("csl") }),
    responses: {
      200: { description: "The consultation", schema: consultationSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
};
