import { createHash } from "node:crypto";
import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, type Principal } from "#shared/auth/principal.ts";
import { isTransactionConflict, retrying } from "#shared/aws/dynamo.ts";
import type { Page } from "#shared/aws/pagination.ts";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from "#shared/errors.ts";
import { newEvent, type EventContext } from "#shared/events/envelope.ts";
import { maskForList } from "#shared/personal-data.ts";
import type { ComplaintsPorts } from "../adapters/ports.ts";
import {
  answerTransfer,
  assertDispatcher,
  assertReceivingUnit,
  assertUnitStaff,
  contactWindowEnd,
  dispatch,
  noteProgress,
  receiveWorkOrder,
  recordFollowUp,
  replyTo,
  requestTransfer,
  signFor,
  type NewWorkOrder,
  type Unit,
  type WorkOrder,
  type WorkOrderState,
} from "../domain/work-order.ts";
import {
  workOrderDispatched,
  workOrderFollowedUp,
  workOrderProgressNoted,
  workOrderReceived,
  workOrderReplied,
  workOrderSignedFor,
  workOrderTransferDeclined,
  workOrderTransferRequested,
  workOrderTransferred,
} from "../contract/work-order-events.ts";

type Ports = Pick<ComplaintsPorts, "workOrders" | "directory" | "clock" | "ids" | "hotlinePolicy">;

/** The facts every work-order event repeats (no caller data). */
const ref = (o: WorkOrder) => ({
  workOrderId: o.id,
  orderNo: o.orderNo,
  origin: o.origin,
  kind: o.kind,
  urgency: o.urgency,
  receivedAt: o.receivedAt,
  ...(o.unit ? { centerId: o.unit.centerId } : {}),
  ...(o.unit?.departmentId ? { departmentId: o.unit.departmentId } : {}),
  replyLimit: o.replyLimit as { unit: "hours" | "calendarDays"; amount: number },
  replyDueAt: o.replyDueAt,
});

const now = (ports: Pick<Ports, "clock">) => ports.clock.now().toISOString();

async function load(id: string, ports: Pick<Ports, "workOrders">): Promise<WorkOrder> {
  const order = await ports.workOrders.get(id);
  if (!order) throw new NotFoundError(`No work order ${id}.`);
  return order;
}

async function create(input: NewWorkOrder, context: EventContext, ports: Ports, bodySha256?: string) {
  const at = now(ports);
  const order = receiveWorkOrder(input, ports.hotlinePolicy, at, context.actor.id);
  const event = newEvent(
    workOrderReceived,
    {
      ...ref(order),
      target: order.target,
      contactWindowEndsAt: contactWindowEnd(order.receivedAt, ports.hotlinePolicy),
    },
    context,
    ports,
  );
  const answer = await ports.workOrders.receive(order, [event], bodySha256);
  return { ...answer, order };
}

/** The 12345 webhook body, validated by the route. */
export type HotlineWorkOrder = Omit<NewWorkOrder, "id" | "origin" | "target"> & {
  orderNo: string;
  target?: NewWorkOrder["target"];
};

/**
 * 接: store a work order the hotline sent, once per `orderNo` — a redelivery (even many at once) gets the first answer
 * and creates nothing; the same number with a different body is refused (409, with both bodies' hashes). Everything
 * else (clocks, dispatch, callbacks) follows from its event.
 */
export async function receiveFromHotline(body: HotlineWorkOrder, requestId: string, ports: Ports) {
  const bodySha256 = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const { workOrderId, orderNo, receivedAt, created } = await create(
    { ...body, id: ports.ids.next("wko"), origin: "hotline", target: body.target ?? {} },
    {
      source: "complaints",
      subject: body.orderNo,
      actor: { id: "hotline:12345", role: "hotline" },
      correlationId: requestId,
    },
    ports,
    bodySha256,
  );
  return { workOrderId, orderNo, receivedAt, duplicate: !created };
}

export interface ComplaintInput {
  centerId: string;
  channel: string;
  about: {
    kind: "center" | "window" | "staff" | "item";
    windowId?: string;
    staffId?: string;
    itemId?: string;
  };
  complainant: { name?: string; phone?: string };
  content: string;
}

/**
 * Art. 52: a complaint made in the center (a window evaluator, the QR code, the comment book) becomes a work order of
 * the center, with the same reply clock and rates as the hotline's. Staff record comment-book entries; applicants
 * complain themselves. What it is about must exist in that center.
 */
export async function submitComplaint(input: ComplaintInput, caller: Caller, ports: Ports) {
  const { principal } = caller;
  if (principal.role !== "applicant") assertCenterScope(principal, input.centerId);
  const target: NewWorkOrder["target"] = { centerId: input.centerId };
  const { about } = input;
  if (about.kind === "window") {
    const window = about.windowId ? await ports.directory.window(about.windowId) : undefined;
    if (!window || window.centerId !== input.centerId)
      throw new RuleViolationError("complaint-target", "No such window in this center.", [
        { path: ["about", "windowId"], message: "not a window of this center" },
      ]);
    Object.assign(target, {
      windowId: window.windowId,
      ...(window.departmentId ? { departmentId: window.departmentId } : {}),
    });
  } else if (about.kind === "staff") {
    const staff = about.staffId ? await ports.directory.staff(about.staffId) : undefined;
    if (!staff || staff.centerId !== input.centerId)
      throw new RuleViolationError("complaint-target", "No such staff member in this center.", [
        { path: ["about", "staffId"], message: "not a staff member of this center" },
      ]);
    Object.assign(target, {
      staffId: staff.staffId,
      ...(staff.departmentId ? { departmentId: staff.departmentId } : {}),
    });
  } else if (about.kind === "item") {
    if (!about.itemId)
      throw new RuleViolationError("complaint-target", "Name the item.", [
        { path: ["about", "itemId"], message: "required when the complaint is about an item" },
      ]);
    target.itemId = about.itemId;
  }
  const id = ports.ids.next("wko");
  const { workOrderId, receivedAt } = await create(
    {
      id,
      origin: "center",
      kind: "complaint",
      urgency: "general",
      channel: input.channel,
      caller: input.complainant,
      content: input.content,
      target,
      receivedAt: now(ports),
    },
    causedBy(caller, "complaints", id),
    ports,
  );
  return { workOrderId, receivedAt, state: "received" as const };
}

/** Save a transition with its event. */
async function change(
  order: WorkOrder,
  next: WorkOrder,
  event: (o: WorkOrder) => Parameters<Ports["workOrders"]["save"]>[1][number],
  ports: Ports,
) {
  await ports.workOrders.save(next, [event(next)]);
  return view(next, "staff");
}

/** 派: the center administration sends it to a stationed department (or a supervisor to a center). */
export async function dispatchWorkOrder(id: string, to: Unit, caller: Caller, ports: Ports) {
  const order = await load(id, ports);
  assertDispatcher(caller.principal, order, to);
  if (to.departmentId && !(await ports.directory.hasDepartment(to.centerId, to.departmentId)))
    throw new RuleViolationError("work-order-unit", "That department is not stationed in the center.", [
      { path: ["departmentId"], message: "not stationed in this center" },
    ]);
  const at = now(ports);
  const next = dispatch(order, to, at, caller.principal.sub);
  return change(
    order,
    next,
    (o) =>
      newEvent(
        workOrderDispatched,
        { ...ref(o), centerId: to.centerId, dispatchedAt: at },
        causedBy(caller, "complaints", id),
        ports,
      ),
    ports,
  );
}

export async function signForWorkOrder(
  id: string,
  input: { contactedCallerAt?: string },
  caller: Caller,
  ports: Ports,
) {
  const order = await load(id, ports);
  assertUnitStaff(caller.principal, order.unit);
  const at = now(ports);
  const next = signFor(
    order,
    at,
    caller.principal.sub,
    input.contactedCallerAt && notAfter(input.contactedCallerAt, at),
  );
  return change(
    order,
    next,
    (o) =>
      newEvent(
        workOrderSignedFor,
        {
          ...ref(o),
          centerId: o.unit!.centerId,
          signedForAt: at,
          signedForBy: caller.principal.sub,
          ...(o.contactedCallerAt ? { contactedCallerAt: o.contactedCallerAt } : {}),
        },
        causedBy(caller, "complaints", id),
        ports,
      ),
    ports,
  );
}

/** A contact time cannot be in the future. */
function notAfter(instant: string, at: string): string {
  if (new Date(instant).getTime() > new Date(at).getTime())
    throw new RuleViolationError("work-order-contact", "The caller cannot have been reached in the future.", [
      { path: ["contactedCallerAt"], message: "after now" },
    ]);
  return new Date(instant).toISOString();
}

export async function noteWorkOrderProgress(
  id: string,
  input: { note: string; contactedCallerAt?: string },
  caller: Caller,
  ports: Ports,
) {
  const order = await load(id, ports);
  assertUnitStaff(caller.principal, order.unit);
  const at = now(ports);
  const contacted = input.contactedCallerAt && notAfter(input.contactedCallerAt, at);
  const next = noteProgress(order, input.note, at, caller.principal.sub, contacted);
  return change(
    order,
    next,
    (o) =>
      newEvent(
        workOrderProgressNoted,
        {
          ...ref(o),
          centerId: o.unit!.centerId,
          notedAt: at,
          ...(o.contactedCallerAt ? { contactedCallerAt: o.contactedCallerAt } : {}),
        },
        causedBy(caller, "complaints", id),
        ports,
      ),
    ports,
  );
}

export async function replyToWorkOrder(
  id: string,
  reply: NonNullable<WorkOrder["reply"]>,
  caller: Caller,
  ports: Ports,
) {
  const order = await load(id, ports);
  assertUnitStaff(caller.principal, order.unit);
  const at = now(ports);
  const next = replyTo(order, reply, at, caller.principal.sub);
  return change(
    order,
    next,
    (o) =>
      newEvent(
        workOrderReplied,
        { ...ref(o), centerId: o.unit!.centerId, repliedAt: at, outcome: reply.outcome, reply: reply.text },
        causedBy(caller, "complaints", id),
        ports,
      ),
    ports,
  );
}

/**
 * 评: the follow-up call is made by the center's administration or supervisors — not by the unit that handled it —
 * so the answers the rates count are independent.
 */
export async function recordWorkOrderFollowUp(
  id: string,
  input: { reached: boolean; resolved?: boolean; satisfied?: boolean; notes?: string },
  caller: Caller,
  ports: Ports,
) {
  const order = await load(id, ports);
  const { principal } = caller;
  if (principal.role !== "admin" && principal.role !== "supervisor")
    throw new ForbiddenError("The follow-up call is made by the administration, not the handler.");
  assertCenterScope(principal, order.unit?.centerId ?? "");
  const at = now(ports);
  const followUp = { calledAt: at, ...input, madeBy: "center" as const };
  const next = recordFollowUp(order, followUp, at, principal.sub);
  return change(
    order,
    next,
    (o) =>
      newEvent(
        workOrderFollowedUp,
        {
          ...ref(o),
          centerId: o.unit!.centerId,
          calledAt: at,
          reached: input.reached,
          ...(input.resolved !== undefined ? { resolved: input.resolved } : {}),
          ...(input.satisfied !== undefined ? { satisfied: input.satisfied } : {}),
          madeBy: "center",
        },
        causedBy(caller, "complaints", id),
        ports,
      ),
    ports,
  );
}

/** A follow-up result the 12345 hotline sends: its own call (回访) to the caller about one of its work orders. */
export interface HotlineFollowUp {
  followUpId: string;
  calledAt: string;
  reached: boolean;
  resolved?: boolean;
  satisfied?: boolean;
  notes?: string;
}

/**
 * 评, by the hotline: in Beijing's 接诉即办 the 12345 center makes the follow-up call itself and its result is what
 * the resolution and satisfaction rates count. Recorded like the center's own follow-up (after the reply; a reached
 * caller closes the order, an unreached one leaves it replied), once per `followUpId` — a redelivery, even many at
 * once, changes nothing and gets the order as it is. The hotline is not called back about its own call.
 */
export async function recordHotlineFollowUp(
  orderNo: string,
  input: HotlineFollowUp,
  requestId: string,
  ports: Ports,
) {
  // Parallel redeliveries race on the order: a transaction that lost to another one at that moment starts again, and
  // then finds the winner's claim.
  return retrying(() => applyHotlineFollowUp(orderNo, input, requestId, ports), isTransactionConflict);
}

async function applyHotlineFollowUp(
  orderNo: string,
  input: HotlineFollowUp,
  requestId: string,
  ports: Ports,
) {
  const order = await ports.workOrders.byOrderNo(orderNo);
  if (!order) throw new NotFoundError(`No work order ${orderNo} was received from the hotline.`);
  const answer = (o: WorkOrder) => ({
    workOrderId: o.id,
    orderNo,
    followUpId: input.followUpId,
    state: o.state,
  });
  // a redelivery: the order as it is now (read after the claim — the order read above may predate it)
  const asItIs = async () => answer((await ports.workOrders.get(order.id))!);
  if (await ports.workOrders.hasFollowUp(orderNo, input.followUpId)) return asItIs();
  const { followUpId, ...result } = input;
  const next = recordFollowUp(
    order,
    { ...result, madeBy: "hotline", hotlineFollowUpId: followUpId },
    now(ports),
    "hotline:12345",
  );
  const event = newEvent(
    workOrderFollowedUp,
    {
      ...ref(next),
      centerId: next.unit!.centerId,
      calledAt: input.calledAt,
      reached: input.reached,
      ...(input.resolved !== undefined ? { resolved: input.resolved } : {}),
      ...(input.satisfied !== undefined ? { satisfied: input.satisfied } : {}),
      madeBy: "hotline",
    },
    {
      source: "complaints",
      subject: order.id,
      actor: { id: "hotline:12345", role: "hotline" },
      correlationId: requestId,
    },
    ports,
  );
  try {
    await ports.workOrders.save(next, [event], [ports.workOrders.followUpClaim(orderNo, followUpId)]);
    return answer(next);
  } catch (error) {
    // a parallel redelivery got there first: its answer is ours
    if (error instanceof ConflictError && (await ports.workOrders.hasFollowUp(orderNo, followUpId)))
      return asItIs();
    throw error;
  }
}

export async function requestWorkOrderTransfer(
  id: string,
  input: { to: Unit; reason: string },
  caller: Caller,
  ports: Ports,
) {
  const order = await load(id, ports);
  assertUnitStaff(caller.principal, order.unit);
  if (
    input.to.departmentId &&
    !(await ports.directory.hasDepartment(input.to.centerId, input.to.departmentId))
  )
    throw new RuleViolationError("work-order-unit", "That department is not stationed in that center.", [
      { path: ["to", "departmentId"], message: "not stationed in that center" },
    ]);
  const at = now(ports);
  const transfer = {
    id: ports.ids.next("wkt"),
    to: input.to,
    reason: input.reason,
    requestedBy: caller.principal.sub,
    requestedAt: at,
  };
  const next = requestTransfer(order, transfer);
  return change(
    order,
    next,
    (o) =>
      newEvent(
        workOrderTransferRequested,
        {
          ...ref(o),
          centerId: o.unit!.centerId,
          transferId: transfer.id,
          to: input.to,
          reason: input.reason,
        },
        causedBy(caller, "complaints", id),
        ports,
      ),
    ports,
  );
}

export async function answerWorkOrderTransfer(
  id: string,
  transferId: string,
  input: { accept: boolean; reason?: string },
  caller: Caller,
  ports: Ports,
) {
  const order = await load(id, ports);
  assertReceivingUnit(caller.principal, order);
  if (!input.accept && !input.reason)
    throw new RuleViolationError("transfer-decline-reason", "Say why the transfer is declined.", [
      { path: ["reason"], message: "required when declining" },
    ]);
  const at = now(ports);
  const transfer = order.transfer!;
  const next = answerTransfer(order, transferId, input.accept, at, caller.principal.sub, input.reason);
  const context = causedBy(caller, "complaints", id);
  return change(
    order,
    next,
    (o) =>
      input.accept
        ? newEvent(
            workOrderTransferred,
            {
              ...ref(o),
              centerId: o.unit!.centerId,
              transferId,
              from: order.unit!,
              to: transfer.to,
              reason: transfer.reason,
            },
            context,
            ports,
          )
        : newEvent(
            workOrderTransferDeclined,
            { ...ref(o), centerId: o.unit!.centerId, transferId, to: transfer.to, reason: input.reason! },
            context,
            ports,
          ),
    ports,
  );
}

// ——— Reading ———

/**
 * Staff see the caller's phone masked in lists, and any ID or phone number the caller wrote into the request; the unit
 * handling it sees it whole (they must call back).
 */
function view(order: WorkOrder, audience: "staff" | "list") {
  return audience === "list" ? maskForList(order) : order;
}

export async function getWorkOrder(id: string, principal: Principal, ports: Ports) {
  const order = await load(id, ports);
  const units = [order.unit, order.transfer?.to].filter((u): u is Unit => u !== undefined);
  if (principal.role === "supervisor" && !order.unit) return view(order, "staff");
  if (!units.some((u) => u.centerId === principal.centerId))
    assertCenterScope(principal, order.unit?.centerId ?? "");
  const handling = units.some(
    (u) =>
      u.centerId === principal.centerId &&
      (principal.role === "admin" ||
        principal.role === "supervisor" ||
        u.departmentId === principal.departmentId),
  );
  return view(order, handling ? "staff" : "list");
}

export async function listWorkOrders(
  query: {
    centerId?: string;
    unassigned?: boolean;
    state?: WorkOrderState;
    kind?: string;
    origin?: string;
    cursor?: string;
    limit: number;
  },
  principal: Principal,
  ports: Ports,
): Promise<Page<ReturnType<typeof view>>> {
  let centerId: string | undefined;
  if (query.unassigned) {
    if (principal.role !== "supervisor")
      throw new ForbiddenError("Work orders without a center are the supervisors'.");
  } else {
    centerId = query.centerId ?? principal.centerId!;
    assertCenterScope(principal, centerId);
  }
  const page = await ports.workOrders.list(
    centerId,
    { state: query.state, kind: query.kind, origin: query.origin },
    { cursor: query.cursor, limit: query.limit },
  );
  // A department sees what it has, and what another unit asks it to take over (it answers the transfer)
  const visible = principal.departmentId
    ? page.items.filter(
        (o) =>
          o.unit?.departmentId === principal.departmentId ||
          (o.transfer?.to.centerId === principal.centerId &&
            o.transfer?.to.departmentId === principal.departmentId),
      )
    : page.items;
  return { ...page, items: visible.map((o) => view(o, "list")) };
}
