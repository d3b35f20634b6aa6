import * as z from "zod";
import {
  commonErrors,
  conflict,
  idSchema,
  monthSchema,
  notFound,
  pageQuery,
  unprocessable,
} from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";
import { inspectionInputSchema, RECORDERS, selfCheckInputSchema } from "./domain/inspection.ts";
import { inspectionPageSchema, inspectionSchema, staffAppraisalSchema } from "./inspection.schema.ts";

/** Routes of daily supervision and staff appraisal (art. 45, 48, 53). The supervision service spreads these in. */
const writes = { ...commonErrors, ...notFound, ...conflict, ...unprocessable };
const inspection = z.object({ inspectionId: idSchema("ins") });

export const inspectionRoutes = {
  recordInspection: route("POST /v1/inspections", {
    handler: "record-inspection",
    auth: [...RECORDERS.inspection],
    summary:
      "Record an on-site patrol or an electronic-monitoring review with its findings (art. 53); a finding with a deadline opens a rectification",
    body: inspectionInputSchema,
    responses: { 201: { description: "The inspection", schema: inspectionSchema }, ...writes },
  }),
  recordSelfCheck: route("POST /v1/self-checks", {
    handler: "record-self-check",
    auth: [...RECORDERS.selfCheck],
    summary:
      "Record a window's own self-check (窗口自查) with its findings (art. 53); a finding with a deadline opens a rectification",
    body: selfCheckInputSchema,
    responses: { 201: { description: "The self-check", schema: inspectionSchema }, ...writes },
  }),
  listInspections: route("GET /v1/centers/{centerId}/inspections", {
    handler: "list-inspections",
    auth: ["chiefRep", "admin", "supervisor"],
    summary: "A center's inspections, newest first, with their findings and rectifications (art. 53)",
    params: z.object({ centerId: idSchema("ctr") }),
    query: z.object(pageQuery),
    responses: {
      200: { description: "A page of inspections", schema: inspectionPageSchema },
      ...commonErrors,
    },
  }),
  staffAppraisal: route("GET /v1/centers/{centerId}/staff-appraisal", {
    handler: "get-staff-appraisal",
    auth: ["admin", "supervisor"],
    summary:
      "Each staff member's month for the administration's appraisal (art. 45, 48): ratings and 差评, overdue cases, inspection and compliance findings",
    params: z.object({ centerId: idSchema("ctr") }),
    query: z.object({ month: monthSchema }),
    responses: {
      200: { description: "The month, per staff member", schema: staffAppraisalSchema },
      ...commonErrors,
    },
  }),
  rectifyInspectionFinding: route("POST /v1/inspections/{inspectionId}/findings/{findingId}/rectification", {
    handler: "rectify-inspection-finding",
    auth: ["chiefRep", "admin"],
    summary: "The unit records what it did about a finding, once; on time if by its deadline (art. 53)",
    // An unknown finding id is a 404 from the inspection itself.
    params: inspection.extend({ findingId: z.string().min(2).max(40).meta({ description: "f1, f2, …" }) }),
    body: z.object({ measures: z.string().trim().min(2).max(2000) }),
    responses: { 200: { description: "The inspection", schema: inspectionSchema }, ...writes },
  }),
};
