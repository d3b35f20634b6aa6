import { plainName } from "#shared/http/schemas.ts";
import * as z from "zod";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { ConflictError, ForbiddenError, InvalidTransitionError, RuleViolationError } from "#shared/errors.ts";
import type { Principal } from "#shared/auth/principal.ts";
import { limitEnd, type Limit } from "#shared/calendar/limits.ts";
import {
  DEFAULT_CONTACT_WINDOW_HOURS,
  ORIGINS,
  REPLY_OUTCOMES,
  REQUEST_KINDS,
  URGENCIES,
} from "../contract/work-order-values.ts";

export { REQUEST_KINDS, URGENCIES, ORIGINS, REPLY_OUTCOMES };
export { limitEnd };

/**
 * Work orders (工单): requests from the 12345 hotline (接诉即办, art. 52) and complaints made inside a center (art. 52),
 * handled the same way — receive → dispatch → handle → reply → follow-up (接 → 派 → 办 → 评). Pure: no I/O.
 */
export type Urgency = (typeof URGENCIES)[number];
export const COMPLAINT_CHANNELS = ["windowDevice", "qrCode", "commentBook", "form"] as const;

export const WORK_ORDER_STATES = [
  "received",
  "dispatched",
  "signedFor",
  "inProgress",
  "replied",
  "closed",
] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

/** The units a reply limit is counted in (see `replyLimit`). */
export const REPLY_LIMIT_UNITS = ["hours", "calendarDays"] as const satisfies readonly Limit["unit"][];
/** Who made the follow-up call (回访): the center's administration, or the 12345 hotline itself. */
export const FOLLOW_UP_CALLERS = ["center", "hotline"] as const;
/** The steps a work order's history records. */
export const WORK_ORDER_ACTIONS = [
  "received",
  "dispatched",
  "signedFor",
  "progress",
  "replied",
  "followedUp",
  "followUpUnreached",
  "transferRequested",
  "transferDeclined",
  "transferred",
] as const;

/** A unit that handles a work order: a center, or one of its stationed departments. */
export interface Unit {
  centerId: string;
  departmentId?: string;
}

export interface TransferRequest {
  id: string;
  to: Unit;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

export interface HistoryEntry {
  at: string;
  action: (typeof WORK_ORDER_ACTIONS)[number];
  by: string;
  note?: string;
  unit?: Unit;
}

export interface WorkOrder {
  id: string;
  /** The hotline's number (unique); a center complaint's is its id. */
  orderNo: string;
  origin: (typeof ORIGINS)[number];
  kind: (typeof REQUEST_KINDS)[number];
  urgency: Urgency;
  channel: string;
  /** Personal data: masked in lists and logs. */
  caller: { name?: string; phone?: string };
  content: string;
  /** What the request is about, when known: the center, department, item, window or staff member. */
  target: {
    centerId?: string;
    departmentId?: string;
    itemId?: string;
    windowId?: string;
    staffId?: string;
  };
  attachments: { ref: string; name?: string }[];
  receivedAt: string;
  /** Month (Asia/Shanghai) it counts in for the rates. */
  month: string;
  state: WorkOrderState;
  /** Who has it now: absent until a center is known (the city's supervisors dispatch it). */
  unit?: Unit;
  /** The first unit it was dispatched to leads (首接负责): it keeps it unless a transfer is accepted. */
  leadUnit?: Unit;
  replyLimit: Limit;
  replyDueAt: string;
  dispatchedAt?: string;
  signedForAt?: string;
  signedForBy?: string;
  /** When the handler first reached the caller: the response rate counts it (响应率). */
  contactedCallerAt?: string;
  repliedAt?: string;
  reply?: { text: string; outcome: (typeof REPLY_OUTCOMES)[number] };
  followUp?: {
    calledAt: string;
    reached: boolean;
    resolved?: boolean;
    satisfied?: boolean;
    notes?: string;
    /** Who called (回访): the center's administration, or the 12345 hotline itself (its id for the call). */
    madeBy?: (typeof FOLLOW_UP_CALLERS)[number];
    hotlineFollowUpId?: string;
  };
  transfer?: TransferRequest;
  history: HistoryEntry[];
  version: number;
  updatedAt: string;
}

/** DOMAIN.md reply limits (configurable): emergency 2 h; water/power/gas/heating 24 h; general 7 days; complex 15. */
export interface HotlinePolicy {
  emergencyHours: number;
  utilitiesHours: number;
  generalDays: number;
  complexDays: number;
  /** The caller must be contacted within this many hours of receipt (never later than the reply limit). */
  contactHours: number;
}
export const DEFAULT_HOTLINE_POLICY: HotlinePolicy = {
  emergencyHours: 2,
  utilitiesHours: 24,
  generalDays: 7,
  complexDays: 15,
  contactHours: DEFAULT_CONTACT_WINDOW_HOURS,
};

export function replyLimit(urgency: Urgency, policy: HotlinePolicy): Limit {
  switch (urgency) {
    case "emergency":
      return { unit: "hours", amount: policy.emergencyHours };
    case "utilities":
      return { unit: "hours", amount: policy.utilitiesHours };
    case "general":
      return { unit: "calendarDays", amount: policy.generalDays };
    case "complex":
      return { unit: "calendarDays", amount: policy.complexDays };
  }
}

const HOUR = 3_600_000;

/**
 * The end of the window to reach the caller after receipt. The response rate counts a contact by this time or by the
 * reply deadline, whichever comes first (`contactDueAt`, contract/rates.ts).
 */
export const contactWindowEnd = (receivedAt: string, policy: Pick<HotlinePolicy, "contactHours">) =>
  new Date(new Date(receivedAt).getTime() + policy.contactHours * HOUR).toISOString();

export interface NewWorkOrder {
  id: string;
  orderNo?: string;
  origin: WorkOrder["origin"];
  kind: WorkOrder["kind"];
  urgency: Urgency;
  channel: string;
  caller: WorkOrder["caller"];
  content: string;
  target: WorkOrder["target"];
  attachments?: WorkOrder["attachments"];
  receivedAt: string;
}

/** A new work order. With a known center it waits there for dispatch; otherwise with the city's supervisors. */
export function receiveWorkOrder(
  input: NewWorkOrder,
  policy: HotlinePolicy,
  at: string,
  by: string,
): WorkOrder {
  const limit = replyLimit(input.urgency, policy);
  const unit = input.target.centerId ? { centerId: input.target.centerId } : undefined;
  return {
    id: input.id,
    orderNo: input.orderNo ?? input.id,
    origin: input.origin,
    kind: input.kind,
    urgency: input.urgency,
    channel: input.channel,
    caller: input.caller,
    content: input.content,
    target: input.target,
    attachments: input.attachments ?? [],
    receivedAt: input.receivedAt,
    month: businessDate(new Date(input.receivedAt)).slice(0, 7),
    state: "received",
    ...(unit ? { unit } : {}),
    replyLimit: limit,
    replyDueAt: limitEnd(limit, input.receivedAt),
    history: [{ at, action: "received", by, ...(unit ? { unit } : {}) }],
    version: 1,
    updatedAt: at,
  };
}

// ——— Who may act ———

/** Staff of the unit that has the order: its department's staff, or the center's administration (and its supervisors). */
export function assertUnitStaff(principal: Principal, unit: Unit | undefined): void {
  if (principal.role === "applicant")
    throw new ForbiddenError("This is for the staff handling the work order.");
  if (!unit || principal.centerId !== unit.centerId)
    throw new ForbiddenError("This work order is with another unit.");
  if (principal.role === "admin" || principal.role === "supervisor") return;
  if (unit.departmentId ? principal.departmentId !== unit.departmentId : principal.departmentId !== undefined)
    throw new ForbiddenError("This work order is with another department.");
}

/** Dispatching is the center administration's (or, for an order with no center yet, a supervisor's). */
export function assertDispatcher(principal: Principal, order: WorkOrder, to: Unit): void {
  const from = order.unit;
  if (principal.role !== "admin" && principal.role !== "supervisor")
    throw new ForbiddenError("The center's administration dispatches work orders.");
  if (from && principal.centerId !== from.centerId)
    throw new ForbiddenError("This work order is with another center.");
  if (!from && principal.role !== "supervisor")
    throw new ForbiddenError("A work order without a center is dispatched by a supervisor.");
  if (from && to.centerId !== from.centerId)
    throw new RuleViolationError(
      "work-order-transfer-needed",
      "Another center takes a work order only by accepting a transfer (首接负责).",
    );
}

// ——— Transitions ———

function expect(order: WorkOrder, allowed: readonly WorkOrderState[], command: string): void {
  if (!allowed.includes(order.state)) throw new InvalidTransitionError(order.state, command);
}

function next(order: WorkOrder, change: Partial<WorkOrder>, entry: HistoryEntry): WorkOrder {
  return {
    ...order,
    ...change,
    history: [...order.history, entry],
    version: order.version + 1,
    updatedAt: entry.at,
  };
}

/** 派: to a department of the center (or to a center, for one that had none). The first dispatch fixes the lead unit. */
export function dispatch(order: WorkOrder, to: Unit, at: string, by: string): WorkOrder {
  expect(order, ["received", "dispatched"], "dispatch");
  if (order.transfer) throw new ConflictError("A transfer of this work order is waiting for an answer.");
  return next(
    order,
    { state: "dispatched", unit: to, leadUnit: order.leadUnit ?? to, dispatchedAt: order.dispatchedAt ?? at },
    { at, action: "dispatched", by, unit: to },
  );
}

/** 签收: the unit takes it on; a first contact with the caller may come with it. */
export function signFor(order: WorkOrder, at: string, by: string, contactedCallerAt?: string): WorkOrder {
  expect(order, ["dispatched"], "sign-for");
  return next(
    order,
    {
      state: "signedFor",
      signedForAt: at,
      signedForBy: by,
      ...(contactedCallerAt && !order.contactedCallerAt ? { contactedCallerAt } : {}),
    },
    { at, action: "signedFor", by },
  );
}

/** 办: progress, and when the handler reached the caller. */
export function noteProgress(
  order: WorkOrder,
  note: string,
  at: string,
  by: string,
  contactedCallerAt?: string,
): WorkOrder {
  expect(order, ["signedFor", "inProgress"], "progress");
  return next(
    order,
    {
      state: "inProgress",
      ...(contactedCallerAt && !order.contactedCallerAt ? { contactedCallerAt } : {}),
    },
    { at, action: "progress", by, note },
  );
}

/** 办结: the reply to the caller ends the reply clock. Replying is contacting the caller. */
export function replyTo(order: WorkOrder, reply: NonNullable<WorkOrder["reply"]>, at: string, by: string) {
  expect(order, ["signedFor", "inProgress"], "reply");
  if (order.transfer) throw new ConflictError("A transfer of this work order is waiting for an answer.");
  return next(
    order,
    { state: "replied", repliedAt: at, reply, contactedCallerAt: order.contactedCallerAt ?? at },
    { at, action: "replied", by, note: reply.outcome },
  );
}

/** 评: the follow-up call — resolved? satisfied? An unreachable caller leaves the order open for another call. */
export function recordFollowUp(
  order: WorkOrder,
  followUp: NonNullable<WorkOrder["followUp"]>,
  at: string,
  by: string,
): WorkOrder {
  expect(order, ["replied"], "follow-up");
  if (followUp.reached && (followUp.resolved === undefined || followUp.satisfied === undefined))
    throw new RuleViolationError(
      "follow-up-answers",
      "A follow-up that reached the caller records whether it was resolved and whether they are satisfied.",
    );
  return next(
    order,
    { state: followUp.reached ? "closed" : "replied", followUp },
    { at, action: followUp.reached ? "followedUp" : "followUpUnreached", by, note: followUp.notes },
  );
}

/** The lead unit may hand an order on only with a reason, and only once the other unit accepts (首接负责, no 推诿). */
export function requestTransfer(order: WorkOrder, request: TransferRequest): WorkOrder {
  expect(order, ["dispatched", "signedFor", "inProgress"], "transfer");
  if (order.transfer)
    throw new ConflictError("A transfer of this work order is already waiting for an answer.");
  const unit = order.unit!;
  if (unit.centerId === request.to.centerId && unit.departmentId === request.to.departmentId)
    throw new RuleViolationError(
      "work-order-transfer-same-unit",
      "The work order is already with that unit.",
    );
  return next(
    order,
    { transfer: request },
    {
      at: request.requestedAt,
      action: "transferRequested",
      by: request.requestedBy,
      note: request.reason,
      unit: request.to,
    },
  );
}

export function answerTransfer(
  order: WorkOrder,
  transferId: string,
  accepted: boolean,
  at: string,
  by: string,
  reason?: string,
): WorkOrder {
  if (!order.transfer || order.transfer.id !== transferId)
    throw new ConflictError("No such transfer is waiting for an answer.");
  const { transfer: _, ...rest } = order;
  const base = { ...rest } as WorkOrder;
  if (!accepted)
    return next(base, {}, { at, action: "transferDeclined", by, note: reason, unit: order.transfer.to });
  // The receiving unit takes it over and signs for it anew; the lead unit is recorded in the history.
  return next(
    base,
    { unit: order.transfer.to, leadUnit: order.transfer.to, state: "dispatched" },
    { at, action: "transferred", by, note: order.transfer.reason, unit: order.transfer.to },
  );
}

/** Staff of the unit a transfer is addressed to. */
export function assertReceivingUnit(principal: Principal, order: WorkOrder): void {
  if (!order.transfer) throw new ConflictError("No transfer is waiting for an answer.");
  assertUnitStaff(principal, order.transfer.to);
}

export const attachmentSchema = z.object({
  ref: z.string().trim().min(1).max(500),
  name: plainName(200, 0).optional(),
});
