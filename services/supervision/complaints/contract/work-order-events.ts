import * as z from "zod";
import { defineEvent } from "#shared/events/define-event.ts";
import { ORIGINS, REPLY_OUTCOMES, REQUEST_KINDS, URGENCIES } from "./work-order-values.ts";

const datetime = z.iso.datetime({ offset: true });
const limit = z.union([
  z.object({ unit: z.literal("hours"), amount: z.number() }),
  z.object({ unit: z.literal("calendarDays"), amount: z.number() }),
]);
const unit = z.object({ centerId: z.string(), departmentId: z.string().optional() });

/** What every work-order event says, so each can be read alone. No caller data: events travel through queues. */
const ref = {
  workOrderId: z.string(),
  orderNo: z.string(),
  origin: z.enum(ORIGINS),
  kind: z.enum(REQUEST_KINDS),
  urgency: z.enum(URGENCIES),
  receivedAt: datetime,
  centerId: z.string().optional(),
  departmentId: z.string().optional(),
  replyLimit: limit,
  replyDueAt: datetime,
};

export const workOrderReceived = defineEvent(
  "work-order.received",
  1,
  z.object({
    ...ref,
    target: z.object({
      centerId: z.string().optional(),
      departmentId: z.string().optional(),
      itemId: z.string().optional(),
      windowId: z.string().optional(),
      staffId: z.string().optional(),
    }),
    /**
     * The end of the window to reach the caller (complaints' `HOTLINE_CONTACT_HOURS` after receipt): the response
     * rate counts a contact by it. Optional in v1 (issue 22: added when monitoring began counting the rates from
     * events); absent on orders received before, whose facts the split's migration computed.
     */
    contactWindowEndsAt: datetime.optional(),
  }),
  "A 12345 work order arrived by webhook, or a complaint was made in a center (art. 52): its reply clock starts.",
);

export const workOrderDispatched = defineEvent(
  "work-order.dispatched",
  1,
  z.object({ ...ref, centerId: z.string(), dispatchedAt: datetime }),
  "The work order was dispatched to a center or department (派); the first unit it reaches leads.",
);

export const workOrderSignedFor = defineEvent(
  "work-order.signed-for",
  1,
  z.object({
    ...ref,
    centerId: z.string(),
    signedForAt: datetime,
    signedForBy: z.string(),
    contactedCallerAt: datetime.optional(),
  }),
  "The unit signed for the work order (签收); the hotline is told.",
);

export const workOrderProgressNoted = defineEvent(
  "work-order.progress-noted",
  1,
  z.object({ ...ref, centerId: z.string(), notedAt: datetime, contactedCallerAt: datetime.optional() }),
  "The handler recorded progress, or that the caller was reached.",
);

export const workOrderReplied = defineEvent(
  "work-order.replied",
  1,
  z.object({
    ...ref,
    centerId: z.string(),
    repliedAt: datetime,
    outcome: z.enum(REPLY_OUTCOMES),
    /** The reply the caller was given, which the hotline files with its work order. */
    reply: z.string(),
  }),
  "The unit replied to the caller (办结): the reply clock stops; the hotline is told.",
);

export const workOrderFollowedUp = defineEvent(
  "work-order.followed-up",
  1,
  z.object({
    ...ref,
    centerId: z.string(),
    calledAt: datetime,
    reached: z.boolean(),
    resolved: z.boolean().optional(),
    satisfied: z.boolean().optional(),
    /** Who made the call: the hotline is told only of the center's own (absent in events before this field). */
    madeBy: z.enum(["center", "hotline"]).optional(),
  }),
  "The follow-up call (回访): resolved? satisfied? — the resolution and satisfaction rates count it; the hotline is told of the center's calls.",
);

export const workOrderTransferRequested = defineEvent(
  "work-order.transfer-requested",
  1,
  z.object({ ...ref, centerId: z.string(), transferId: z.string(), to: unit, reason: z.string() }),
  "The unit asked another to take the work order over, with a reason; nothing moves until that unit accepts.",
);

export const workOrderTransferred = defineEvent(
  "work-order.transferred",
  1,
  z.object({
    ...ref,
    centerId: z.string(),
    transferId: z.string(),
    from: unit,
    to: unit,
    reason: z.string(),
  }),
  "The receiving unit accepted the transfer and now leads the work order.",
);

export const workOrderTransferDeclined = defineEvent(
  "work-order.transfer-declined",
  1,
  z.object({ ...ref, centerId: z.string(), transferId: z.string(), to: unit, reason: z.string() }),
  "The receiving unit declined the transfer; the work order stays where it was.",
);

export const workOrderEvents = [
  workOrderReceived,
  workOrderDispatched,
  workOrderSignedFor,
  workOrderProgressNoted,
  workOrderReplied,
  workOrderFollowedUp,
  workOrderTransferRequested,
  workOrderTransferred,
  workOrderTransferDeclined,
] as const;
