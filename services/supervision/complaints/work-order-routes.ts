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
  attachmentSchema,
  COMPLAINT_CHANNELS,
  ORIGINS,
  REPLY_OUTCOMES,
  REQUEST_KINDS,
  URGENCIES,
  WORK_ORDER_STATES,
} from "./domain/work-order.ts";
import {
  complaintSubmittedSchema,
  hotlineFollowUpRecordedSchema,
  hotlineWorkOrderReceivedSchema,
  workOrderPageSchema,
  workOrderSchema,
} from "./work-order.schema.ts";

const datetime = z.iso.datetime({ offset: true });
const phone = z.string().regex(/^1[3-9]\d{9}$/, "a mainland mobile number");
const text = (max: number) => z.string().trim().min(1).max(max);
const workOrderId = idSchema("wko");
const params = z.object({ workOrderId });
const unit = z.object({ centerId: idSchema("ctr"), departmentId: z.string().min(1).max(64).optional() });
const unauthorized = { 401: { description: "Missing, stale or wrong signature", schema: problemSchema } };

const orderNo = z.string().regex(/^[A-Za-z0-9-]{4,64}$/, "the hotline's work order number");

/** The 12345 work order as the hotline sends it (DESIGN.md "12345 webhook signing"). */
export const hotlineWorkOrderSchema = z.object({
  orderNo,
  receivedAt: datetime,
  kind: z.enum(REQUEST_KINDS),
  urgency: z.enum(URGENCIES),
  channel: text(40),
  caller: z.object({ name: text(50).optional(), phone: phone.optional() }),
  content: text(4000),
  target: z
    .object({
      centerId: idSchema("ctr").optional(),
      departmentId: z.string().min(1).max(64).optional(),
      itemId: z.string().min(1).max(64).optional(),
      windowId: z.string().min(1).max(64).optional(),
      staffId: z.string().min(1).max(64).optional(),
    })
    .optional(),
  attachments: z.array(attachmentSchema).max(20).optional(),
});

export const workOrderRoutes = {
  receiveWorkOrder: route("POST /v1/hotline/work-orders", {
    handler: "receive-work-order",
    auth: "public",
    signedBy: "hotline",
    idempotent: false,
    summary:
      "12345 hotline webhook (接诉即办, art. 52): a work order, signed with HMAC-SHA256; a redelivered orderNo gets the first answer",
    description:
      'Headers X-Hotline-Timestamp (unix seconds, within 300 s), X-Hotline-Delivery and X-Hotline-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>. Answers 202 as soon as the work order is stored; dispatch, clocks and callbacks follow asynchronously.',
    body: hotlineWorkOrderSchema,
    responses: {
      202: {
        description: "Stored (or already stored: the first answer)",
        schema: hotlineWorkOrderReceivedSchema,
      },
      ...commonErrors,
      ...unauthorized,
      409: {
        description: "The orderNo was delivered before with another body: both SHA-256 hashes are named",
        schema: problemSchema,
      },
    },
  }),
  receiveHotlineFollowUp: route("POST /v1/hotline/work-orders/{orderNo}/follow-ups", {
    handler: "receive-hotline-follow-up",
    auth: "public",
    signedBy: "hotline",
    idempotent: false,
    summary:
      "12345 hotline webhook: the result of the hotline's own follow-up call (回访) on one of its work orders, once per followUpId",
    description:
      "Signed like the work-order webhook. Recorded after the unit's reply: a reached caller (with resolved and satisfied) closes the order, an unreached one leaves it replied for another call. A redelivered followUpId changes nothing and gets the order as it is; the hotline is not called back about its own call.",
    params: z.object({ orderNo }),
    body: z.object({
      followUpId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "the hotline's id of the call"),
      calledAt: datetime,
      reached: z.boolean(),
      resolved: z.boolean().optional(),
      satisfied: z.boolean().optional(),
      notes: text(2000).optional(),
    }),
    responses: {
      200: {
        description: "Recorded (or already recorded): the order's state",
        schema: hotlineFollowUpRecordedSchema,
      },
      ...commonErrors,
      ...unauthorized,
      ...notFound,
      ...conflict,
      ...unprocessable,
    },
  }),
  submitComplaint: route("POST /v1/complaints", {
    handler: "submit-complaint",
    auth: ["applicant", ...STAFF_ROLES],
    summary:
      "A complaint inside the center (art. 52): window evaluator, QR code or comment book; against a window, staff member, item or the center",
    body: z.object({
      centerId: idSchema("ctr"),
      channel: z.enum(COMPLAINT_CHANNELS),
      about: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("center") }),
        z.object({ kind: z.literal("window"), windowId: z.string().min(1).max(64) }),
        z.object({ kind: z.literal("staff"), staffId: z.string().min(1).max(64) }),
        z.object({ kind: z.literal("item"), itemId: z.string().min(1).max(64) }),
      ]),
      complainant: z.object({ name: text(50).optional(), phone: phone.optional() }).default({}),
      content: text(4000),
    }),
    responses: {
      201: { description: "The complaint's work order", schema: complaintSubmittedSchema },
      ...commonErrors,
      ...unprocessable,
    },
  }),
  listWorkOrders: route("GET /v1/work-orders", {
    handler: "list-work-orders",
    auth: STAFF_ROLES,
    summary:
      "A center's work orders, newest first (department staff see their department's); callers' phones masked",
    query: z.object({
      centerId: idSchema("ctr").optional(),
      unassigned: z.stringbool().optional(),
      state: z.enum(WORK_ORDER_STATES).optional(),
      kind: z.enum(REQUEST_KINDS).optional(),
      origin: z.enum(ORIGINS).optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: "A page of work orders", schema: workOrderPageSchema },
      ...commonErrors,
    },
  }),
  getWorkOrder: route("GET /v1/work-orders/{workOrderId}", {
    handler: "get-work-order",
    auth: STAFF_ROLES,
    summary: "One work order with its history",
    params,
    responses: {
      200: { description: "The work order", schema: workOrderSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  dispatchWorkOrder: route("POST /v1/work-orders/{workOrderId}/dispatch", {
    handler: "dispatch-work-order",
    auth: ["admin", "supervisor"],
    summary: "派: to a department stationed in the center (the first unit leads: 首接负责)",
    params,
    body: unit,
    responses: {
      200: { description: "Dispatched", schema: workOrderSchema },
      ...commonErrors,
      ...notFound,
      ...conflict,
      ...unprocessable,
    },
  }),
  signForWorkOrder: route("POST /v1/work-orders/{workOrderId}/sign-for", {
    handler: "sign-for-work-order",
    auth: STAFF_ROLES,
    summary: "签收 by the unit it was dispatched to; the hotline is told",
    params,
    body: z.object({ contactedCallerAt: datetime.optional() }),
    responses: {
      200: { description: "Signed for", schema: workOrderSchema },
      ...commonErrors,
      ...notFound,
      ...conflict,
      ...unprocessable,
    },
  }),
  noteWorkOrderProgress: route("POST /v1/work-orders/{workOrderId}/progress", {
    handler: "note-work-order-progress",
    auth: STAFF_ROLES,
    summary: "办: progress, and when the caller was reached",
    params,
    body: z.object({ note: text(2000), contactedCallerAt: datetime.optional() }),
    responses: {
      200: { description: "Noted", schema: workOrderSchema },
      ...commonErrors,
      ...notFound,
      ...conflict,
      ...unprocessable,
    },
  }),
  replyToWorkOrder: route("POST /v1/work-orders/{workOrderId}/reply", {
    handler: "reply-to-work-order",
    auth: STAFF_ROLES,
    summary: "办结: the reply to the caller; stops the reply clock; the hotline is told",
    params,
    body: z.object({ text: text(4000), outcome: z.enum(REPLY_OUTCOMES) }),
    responses: {
      200: { description: "Replied", schema: workOrderSchema },
      ...commonErrors,
      ...notFound,
      ...conflict,
      ...unprocessable,
    },
  }),
  recordWorkOrderFollowUp: route("POST /v1/work-orders/{workOrderId}/follow-up", {
    handler: "record-work-order-follow-up",
    auth: ["admin", "supervisor"],
    summary:
      "评: the follow-up call — reached? resolved? satisfied? (the rates count it); the hotline is told",
    params,
    body: z.object({
      reached: z.boolean(),
      resolved: z.boolean().optional(),
      satisfied: z.boolean().optional(),
      notes: text(2000).optional(),
    }),
    responses: {
      200: { description: "Recorded", schema: workOrderSchema },
      ...commonErrors,
      ...notFound,
      ...conflict,
      ...unprocessable,
    },
  }),
  requestWorkOrderTransfer: route("POST /v1/work-orders/{workOrderId}/transfers", {
    handler: "request-work-order-transfer",
    auth: STAFF_ROLES,
    summary:
      "Ask another unit to take the work order over, with a reason; it moves only when that unit accepts",
    params,
    body: z.object({ to: unit, reason: text(1000) }),
    responses: {
      200: { description: "Requested", schema: workOrderSchema },
      ...commonErrors,
      ...notFound,
      ...conflict,
      ...unprocessable,
    },
  }),
  answerWorkOrderTransfer: route("POST /v1/work-orders/{workOrderId}/transfers/{transferId}/answer", {
    handler: "answer-work-order-transfer",
    auth: STAFF_ROLES,
    summary: "The receiving unit accepts (and then leads) or declines with a reason",
    params: z.object({ workOrderId, transferId: idSchema("wkt") }),
    body: z.object({ accept: z.boolean(), reason: text(1000).optional() }),
    responses: {
      200: { description: "Answered", schema: workOrderSchema },
      ...commonErrors,
      ...notFound,
      ...conflict,
      ...unprocessable,
    },
  }),
};
