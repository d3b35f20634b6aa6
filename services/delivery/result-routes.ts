import * as z from "zod";
import { STAFF_ROLES } from "#shared/auth/roles.ts";
import {
  commonErrors,
  conflict,
  idSchema,
  notFound,
  pageQuery,
  problemSchema,
  unprocessable,
} from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";
import {
  chooseMethodSchema,
  codeSchema,
  DELIVERY_METHODS,
  DELIVERY_STATES,
  identityCheckSchema,
} from "./domain/results.ts";
import {
  eLicenseSchema,
  openedResultSchema,
  resultDeliveryPageSchema,
  resultDeliverySchema,
  resultDeliveryWithHistorySchema,
} from "./result.schema.ts";

/** Result delivery (art. 32) and the electronic result link. The delivery service spreads these into its routes. */
const app = z.object({ applicationId: idSchema("app") });
const writes = { ...commonErrors, ...notFound, ...conflict, ...unprocessable };

export const resultRoutes = {
  chooseDeliveryMethod: route("POST /v1/applications/{applicationId}/delivery", {
    handler: "choose-delivery-method",
    auth: ["applicant", "clerk"],
    summary: "Choose or change how the result is delivered: window, electronic, locker or mail (art. 32)",
    description:
      "The owning applicant or a clerk of the case's center chooses among the methods the item's guide offers " +
      "(another → 422 naming `method`); a change is allowed until the result is handed over or dispatched (409 " +
      "after). `window` issues a 6-digit pickup code; `locker` `{ lockerId }` loads a compartment with a code, held " +
      "for the policy's hours; `mail` `{ address }` waits for dispatch; `electronic` pushes a signed, expiring link " +
      "and completes the delivery. The answer shows the code or link to the one who chose.",
    params: app,
    body: chooseMethodSchema,
    responses: {
      200: {
        description: "The delivery, with the new method's code, link or address",
        schema: resultDeliverySchema,
      },
      ...writes,
    },
  }),
  handOverResult: route("POST /v1/applications/{applicationId}/delivery/handover", {
    handler: "hand-over-result",
    auth: ["clerk"],
    summary: "Hand the result over at the window against the pickup code, recording the identity check",
    params: app,
    body: z.object({ pickupCode: codeSchema, identityCheck: identityCheckSchema }),
    responses: { 200: { description: "The completed delivery", schema: resultDeliverySchema }, ...writes },
  }),
  pickUpFromLocker: route("POST /v1/applications/{applicationId}/delivery/locker-pickup", {
    handler: "pick-up-from-locker",
    auth: ["clerk"],
    summary: "The locker reports a pickup with its code (a clerk's token stands in for the locker system)",
    params: app,
    body: z.object({ code: codeSchema }),
    responses: { 200: { description: "The completed delivery", schema: resultDeliverySchema }, ...writes },
  }),
  dispatchResult: route("POST /v1/applications/{applicationId}/delivery/dispatch", {
    handler: "dispatch-result",
    auth: ["clerk"],
    summary: "Record that the result was mailed: carrier and tracking number",
    params: app,
    body: z.object({
      carrier: z.string().trim().min(2).max(20),
      trackingNumber: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{6,40}$/, "letters, digits and hyphens (6–40)"),
    }),
    responses: { 200: { description: "The dispatched delivery", schema: resultDeliverySchema }, ...writes },
  }),
  recordMailResult: route("POST /v1/applications/{applicationId}/delivery/mail-result", {
    handler: "record-mail-result",
    auth: ["clerk"],
    summary:
      "Record the carrier's outcome: delivered (completes the delivery) or returned (the applicant chooses again)",
    params: app,
    body: z.object({
      outcome: z.enum(["delivered", "returned"]),
      note: z.string().trim().min(2).max(500).optional(),
    }),
    responses: { 200: { description: "The delivery", schema: resultDeliverySchema }, ...writes },
  }),
  getDelivery: route("GET /v1/applications/{applicationId}/delivery", {
    handler: "get-delivery",
    auth: ["applicant", ...STAFF_ROLES],
    summary: "A case's result delivery: state, method, the decision document, e-license and history",
    params: app,
    responses: {
      200: { description: "The delivery with its history", schema: resultDeliveryWithHistorySchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  getELicense: route("GET /v1/applications/{applicationId}/e-license", {
    handler: "get-e-license",
    auth: ["applicant", ...STAFF_ROLES],
    summary:
      "The e-license an approval issued (电子证照, art. 36), as JSON or printable HTML (`?format=html`)",
    params: app,
    query: z.object({ format: z.enum(["json", "html"]).default("json") }),
    responses: {
      200: {
        description: "The e-license, its holder masked",
        schema: eLicenseSchema,
        alternatives: { "text/html": z.string().meta({ description: "A printable page" }) },
      },
      ...commonErrors,
      ...notFound,
    },
  }),
  listDeliveries: route("GET /v1/deliveries", {
    handler: "list-deliveries",
    auth: STAFF_ROLES,
    summary: "The caller's center's deliveries by state and method (addresses and phones masked)",
    query: z.object({
      state: z.enum(DELIVERY_STATES).optional(),
      method: z.enum(DELIVERY_METHODS).optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: "A page of deliveries", schema: resultDeliveryPageSchema },
      ...commonErrors,
    },
  }),
  openResult: route("GET /v1/results/{token}", {
    handler: "open-result",
    auth: "public",
    // Each opening is recorded on the delivery: this GET writes.
    writes: true,
    summary: "The electronic result behind a signed, expiring link: the sealed decision and e-license",
    description:
      "The token is the credential. An altered or unknown token is 403 `urn:govservice:problem:result-link-invalid`; " +
      "a genuine one past its validity is 403 `urn:govservice:problem:result-link-expired` with `expiredAt`. Each " +
      "opening is recorded in the delivery's history.",
    params: z.object({
      token: z
        .string()
        .max(1024)
        .regex(/^[A-Za-z0-9._-]+$/, "a result link token"),
    }),
    responses: {
      200: { description: "The result", schema: openedResultSchema },
      400: commonErrors[400],
      403: { description: "The link is invalid or expired", schema: problemSchema },
    },
  }),
};
