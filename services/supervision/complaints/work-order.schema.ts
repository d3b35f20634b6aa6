import * as z from "zod";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import {
  FOLLOW_UP_CALLERS,
  ORIGINS,
  REPLY_LIMIT_UNITS,
  REPLY_OUTCOMES,
  REQUEST_KINDS,
  URGENCIES,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_STATES,
} from "./domain/work-order.ts";
import { workOrderReceived } from "./contract/work-order-events.ts";

/** The answers about work orders (12345 hotline and in-center complaints), described once for the contract (issue 16). */
const datetime = dateTimeString;
const state = z.enum(WORK_ORDER_STATES);

/** A unit that handles a work order: a center, or one of its stationed departments. */
export const workOrderUnitSchema = z
  .object({ centerId: z.string(), departmentId: z.string().optional() })
  .meta({ id: "WorkOrderUnit" });

/** One step of a work order's history (接 → 派 → 办 → 评, transfers). */
export const workOrderHistoryEntrySchema = z
  .object({
    at: datetime,
    action: z.enum(WORK_ORDER_ACTIONS),
    by: z.string(),
    note: z.string().optional(),
    unit: workOrderUnitSchema.optional(),
  })
  .meta({ id: "WorkOrderHistoryEntry" });

/** A work order; in lists (and to staff not handling it) the caller's data is masked. */
export const workOrderSchema = z
  .object({
    id: z.string(),
    orderNo: z.string(),
    origin: z.enum(ORIGINS),
    kind: z.enum(REQUEST_KINDS),
    urgency: z.enum(URGENCIES),
    channel: z.string(),
    caller: z.object({ name: z.string().optional(), phone: z.string().optional() }),
    content: z.string(),
    target: workOrderReceived.schema.shape.target,
    attachments: z.array(z.object({ ref: z.string(), name: z.string().optional() })),
    receivedAt: datetime,
    month: z.string(),
    state,
    unit: workOrderUnitSchema.optional(),
    leadUnit: workOrderUnitSchema.optional(),
    replyLimit: z.object({ unit: z.enum(REPLY_LIMIT_UNITS), amount: z.number() }),
    replyDueAt: datetime,
    dispatchedAt: datetime.optional(),
    signedForAt: datetime.optional(),
    signedForBy: z.string().optional(),
    contactedCallerAt: datetime.optional(),
    repliedAt: datetime.optional(),
    reply: z.object({ text: z.string(), outcome: z.enum(REPLY_OUTCOMES) }).optional(),
    followUp: z
      .object({
        calledAt: datetime,
        reached: z.boolean(),
        resolved: z.boolean().optional(),
        satisfied: z.boolean().optional(),
        notes: z.string().optional(),
        madeBy: z.enum(FOLLOW_UP_CALLERS).optional(),
        hotlineFollowUpId: z.string().optional(),
      })
      .optional(),
    transfer: z
      .object({
        id: z.string(),
        to: workOrderUnitSchema,
        reason: z.string(),
        requestedBy: z.string(),
        requestedAt: datetime,
      })
      .optional(),
    history: z.array(workOrderHistoryEntrySchema),
    version: z.number().int(),
    updatedAt: datetime,
  })
  .meta({ id: "WorkOrder" });

export const workOrderPageSchema = pageOf(workOrderSchema, "WorkOrderPage");

/** The 12345 webhook's answer: the work order stored (or, for a redelivery, the first answer). */
export const hotlineWorkOrderReceivedSchema = z
  .object({
    workOrderId: z.string(),
    orderNo: z.string(),
    receivedAt: datetime,
    state: z.literal("received"),
  })
  .meta({ id: "HotlineWorkOrderReceived" });

/** The hotline follow-up webhook's answer: the order's state after (or, for a redelivery, as it is). */
export const hotlineFollowUpRecordedSchema = z
  .object({ workOrderId: z.string(), orderNo: z.string(), followUpId: z.string(), state })
  .meta({ id: "HotlineFollowUpRecorded" });

/** A complaint made in the center: its work order. */
export const complaintSubmittedSchema = z
  .object({ workOrderId: z.string(), receivedAt: datetime, state: z.literal("received") })
  .meta({ id: "ComplaintSubmitted" });
