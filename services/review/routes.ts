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
import { CONTACT_CHANNELS, CONTACT_PLACES } from "./domain/contact.ts";
import { TASK_STATES } from "./domain/task.ts";
import { PROCEDURE_KINDS } from "./contract/events.ts";
import {
  caseContactListSchema,
  caseContactSchema,
  reviewTaskPageSchema,
  reviewTaskSchema,
  reviewTaskWithHistorySchema,
  sealedDocumentSchema,
} from "./task.schema.ts";

const app = z.object({ applicationId: idSchema("app") });
const writes = { ...commonErrors, ...notFound, ...conflict, ...unprocessable };
const DEPARTMENT = ["approver", "chiefRep"] as const;
const text = (max = 1000) => z.string().trim().min(2).max(max);
const citation = z
  .object({
    material: z.string().trim().min(1).max(200).optional(),
    checkpoint: z.string().trim().min(1).max(500).optional(),
    reason: text(500),
  })
  .refine((i) => (i.material === undefined) !== (i.checkpoint === undefined), {
    message: "cite exactly one material or one checkpoint of the guide",
  });

export const routes = {
  listTasks: route("GET /v1/review-tasks", {
    handler: "list-tasks",
    auth: ["approver", "chiefRep", "admin", "supervisor"],
    summary: "Review worklists: mine, my department's or my center's, by state, item and due date",
    query: z.object({
      scope: z.enum(["mine", "department", "center"]).default("department"),
      state: z.enum(TASK_STATES).optional(),
      itemId: idSchema("itm").optional(),
      dueBefore: z.iso.datetime({ offset: true }).optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: "A page of review tasks", schema: reviewTaskPageSchema },
      ...commonErrors,
    },
  }),
  getTask: route("GET /v1/applications/{applicationId}/review", {
    handler: "get-task",
    auth: STAFF_ROLES,
    summary:
      "A case's review task with procedures, extension, requests, recommendation, decision and history",
    params: app,
    responses: {
      200: { description: "The review task with its history", schema: reviewTaskWithHistorySchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  claimTask: route("POST /v1/applications/{applicationId}/review/claim", {
    handler: "claim-task",
    auth: DEPARTMENT,
    summary: "Take the case into one's worklist",
    params: app,
    responses: { 200: { description: "The task", schema: reviewTaskSchema }, ...writes },
  }),
  releaseTask: route("POST /v1/applications/{applicationId}/review/release", {
    handler: "release-task",
    auth: DEPARTMENT,
    summary: "Put the case back to the department",
    params: app,
    responses: { 200: { description: "The task", schema: reviewTaskSchema }, ...writes },
  }),
  reassignTask: route("POST /v1/applications/{applicationId}/review/reassign", {
    handler: "reassign-task",
    auth: ["chiefRep", "admin"],
    summary: "Reassign the case, with a reason",
    params: app,
    body: z.object({ assigneeId: z.string().min(1).max(128), reason: text(500) }),
    responses: { 200: { description: "The task", schema: reviewTaskSchema }, ...writes },
  }),
  startProcedure: route("POST /v1/applications/{applicationId}/special-procedures", {
    handler: "start-procedure",
    auth: DEPARTMENT,
    summary:
      "Start a special procedure: the applicant is told in writing; the review clock pauses (行政许可法 art. 45)",
    params: app,
    body: z.object({
      kind: z.enum(PROCEDURE_KINDS),
      expectedWorkingDays: z.number().int().min(1).max(250),
      reason: text(),
    }),
    responses: { 200: { description: "The task, in procedure", schema: reviewTaskSchema }, ...writes },
  }),
  completeProcedure: route(
    "POST /v1/applications/{applicationId}/special-procedures/{procedureId}/complete",
    {
      handler: "complete-procedure",
      auth: DEPARTMENT,
      summary: "Complete the special procedure: review and its clock resume",
      params: z.object({ applicationId: idSchema("app"), procedureId: idSchema("prc") }),
      body: z.object({ summary: text(2000) }),
      responses: { 200: { description: "The task", schema: reviewTaskSchema }, ...writes },
    },
  ),
  extend: route("POST /v1/applications/{applicationId}/extension", {
    handler: "extend",
    auth: DEPARTMENT,
    summary:
      "Extend the decision period once, as far as the item's legal basis allows, with the approval of the department's head on the roster and a reason (行政许可法 art. 42)",
    params: app,
    body: z.object({
      /** The roster entry of the department head who approved the extension. */
      approvedBy: idSchema("stf"),
      reason: text(500),
      /** At most what the legal basis allows; by default all of it. */
      extraWorkingDays: z.number().int().min(1).max(60).optional(),
    }),
    responses: { 200: { description: "The task", schema: reviewTaskSchema }, ...writes },
  }),
  requestMaterials: route("POST /v1/applications/{applicationId}/material-requests", {
    handler: "request-materials",
    auth: DEPARTMENT,
    summary: "Ask for materials, each citing the guide's material or checkpoint (art. 28)",
    params: app,
    body: z.object({ items: z.array(citation).min(1) }),
    responses: { 200: { description: "The task", schema: reviewTaskSchema }, ...writes },
  }),
  recommend: route("POST /v1/applications/{applicationId}/recommendation", {
    handler: "recommend",
    auth: ["chiefRep"],
    summary: "The chief representative's recommendation on an item outside the authorized list (art. 44)",
    params: app,
    body: z.object({ recommendation: z.enum(["approve", "deny"]), reason: text() }),
    responses: { 200: { description: "The task", schema: reviewTaskSchema }, ...writes },
  }),
  decide: route("POST /v1/applications/{applicationId}/decision", {
    handler: "decide",
    auth: DEPARTMENT,
    summary: "Approve or deny (reasons required for a denial); issues the sealed decision document",
    params: app,
    body: z.object({
      decision: z.enum(["approved", "denied"]),
      reason: text().optional(),
      reasons: z.array(text()).optional(),
    }),
    responses: { 200: { description: "The decided task", schema: reviewTaskSchema }, ...writes },
  }),
  recordContact: route("POST /v1/applications/{applicationId}/contacts", {
    handler: "record-contact",
    auth: STAFF_ROLES,
    summary: "Record a contact with the applicant on the case (art. 30)",
    params: app,
    body: z.object({
      channel: z.enum(CONTACT_CHANNELS),
      /** Where an in-person contact took place: by default the center (an on-site inspection: the applicant's site). */
      place: z.enum(CONTACT_PLACES).optional(),
      purpose: text(500),
      at: z.iso.datetime({ offset: true }).optional(),
    }),
    responses: { 201: { description: "The contact", schema: caseContactSchema }, ...writes },
  }),
  listContacts: route("GET /v1/applications/{applicationId}/contacts", {
    handler: "list-contacts",
    auth: STAFF_ROLES,
    summary: "Every contact recorded on the case (supervisors see them all)",
    params: app,
    responses: {
      200: { description: "The contacts", schema: caseContactListSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  listFlaggedContacts: route("GET /v1/centers/{centerId}/flagged-contacts", {
    handler: "list-flagged-contacts",
    auth: ["admin", "supervisor"],
    summary:
      "A center's contacts with applicants outside working time, away from the center without need, or at a department's office (art. 30), newest first",
    params: z.object({ centerId: idSchema("ctr") }),
    query: z.object(pageQuery),
    responses: {
      200: { description: "A page of flagged contacts", schema: caseContactListSchema },
      ...commonErrors,
    },
  }),
  listDeciders: route("GET /v1/centers/{centerId}/departments/{departmentId}/deciders", {
    handler: "list-deciders",
    auth: ["approver", "chiefRep", "admin", "supervisor"],
    summary:
      "A department's approvers and chief representative in a center, its head marked: whom a case may be reassigned to, whose approval extends it",
    params: z.object({ centerId: idSchema("ctr"), departmentId: idSchema("dep") }),
    responses: {
      200: {
        description: "The department's people, by name",
        schema: z
          .object({
            items: z.array(
              z.object({
                staffId: z.string(),
                name: z.string(),
                role: z.string().meta({ description: "`approver` or `chiefRep`" }),
                head: z
                  .boolean()
                  .meta({ description: "Heads the department: approves extensions (行政许可法 art. 42)" }),
                userId: z
                  .string()
                  .optional()
                  .meta({ description: "Their sign-in identity: a task's assignee" }),
              }),
            ),
          })
          .meta({ id: "Deciders" }),
      },
      ...commonErrors,
    },
  }),
  getSealedDocument: route("GET /v1/documents/{documentId}", {
    handler: "get-sealed-document",
    auth: ["applicant", ...STAFF_ROLES],
    summary:
      "A sealed review document (decision, procedure or extension notice), as JSON or printable HTML (`?format=html`)",
    params: z.object({ documentId: idSchema("rdoc") }),
    query: z.object({ format: z.enum(["json", "html"]).default("json") }),
    responses: {
      200: {
        description:
          "The document with its seal (application/json, or printable text/html with `format=html`)",
        schema: sealedDocumentSchema,
        alternatives: { "text/html": z.string().meta({ description: "A printable page" }) },
      },
      ...commonErrors,
      ...notFound,
    },
  }),
  verifyDocument: route("GET /v1/documents/{documentId}/verify", {
    handler: "verify-document",
    auth: "public",
    summary:
      "Whether a document is intact and sealed by whom (optionally against the SHA-256 of a presented copy)",
    params: z.object({ documentId: idSchema("rdoc") }),
    query: verificationQuerySchema,
    responses: {
      200: { description: "The verification", schema: documentVerificationSchema },
      400: commonErrors[400],
      ...notFound,
    },
  }),
};
