import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import type {
  ratingAppealDecided,
  ratingSubmitted,
  rectificationCancelled,
  rectificationCompleted,
  rectificationOpened,
} from "#services/supervision/complaints/contract/rating-events.ts";
import type {
  workOrderDispatched,
  workOrderFollowedUp,
  workOrderProgressNoted,
  workOrderReceived,
  workOrderReplied,
  workOrderSignedFor,
  workOrderTransferred,
} from "#services/supervision/complaints/contract/work-order-events.ts";

type Ports = Pick<MonitoringPorts, "facts">;

/**
 * The ratings as the monthly indicators and the staff appraisal count them (issue 22): from the complaints' events,
 * not from the rating items, which leave this table with complaints.
 */
export async function projectRatingSubmitted(e: TypedEnvelope<typeof ratingSubmitted>, { facts }: Ports) {
  const d = e.data;
  await facts.saveRating({
    ratingId: d.ratingId,
    centerId: d.centerId,
    ...(d.departmentId ? { departmentId: d.departmentId } : {}),
    ...(d.staffId ? { staffId: d.staffId } : {}),
    level: d.level,
    month: d.month,
  });
}

/** An upheld appeal excludes the rating from the rates and from the appraisal (art. 52). */
export async function projectRatingAppealDecided(
  e: TypedEnvelope<typeof ratingAppealDecided>,
  { facts }: Ports,
) {
  const d = e.data;
  await facts.saveRating({
    ratingId: d.ratingId,
    centerId: d.centerId,
    ...(d.departmentId ? { departmentId: d.departmentId } : {}),
    level: d.level,
    month: d.month,
    excluded: d.upheld,
  });
}

type RectificationEvent =
  | TypedEnvelope<typeof rectificationOpened>
  | TypedEnvelope<typeof rectificationCompleted>
  | TypedEnvelope<typeof rectificationCancelled>;

const rectificationBase = ({ data: d }: RectificationEvent) => ({
  rectificationId: d.rectificationId,
  ratingId: d.ratingId,
  centerId: d.centerId,
  ...(d.departmentId ? { departmentId: d.departmentId } : {}),
  ...(d.month ? { month: d.month } : {}),
});

/** The rectifications as the monthly indicators count them (issue 22), from the complaints' events. */
export async function projectRectificationOpened(
  e: TypedEnvelope<typeof rectificationOpened>,
  { facts }: Ports,
) {
  await facts.saveRectification({
    ...rectificationBase(e),
    // Events from before the month was carried: a 差评's rectification opens when it is rated, in its month.
    month: e.data.month ?? businessDate(new Date(e.data.openedAt)).slice(0, 7),
    dueAt: e.data.dueAt,
    state: "open",
  });
}

export async function projectRectificationCompleted(
  e: TypedEnvelope<typeof rectificationCompleted>,
  { facts }: Ports,
) {
  await facts.saveRectification({ ...rectificationBase(e), state: "completed", onTime: e.data.onTime });
}

export async function projectRectificationCancelled(
  e: TypedEnvelope<typeof rectificationCancelled>,
  { facts }: Ports,
) {
  await facts.saveRectification({ ...rectificationBase(e), state: "cancelled" });
}

type WorkOrderEvent =
  | TypedEnvelope<typeof workOrderReceived>
  | TypedEnvelope<typeof workOrderDispatched>
  | TypedEnvelope<typeof workOrderSignedFor>
  | TypedEnvelope<typeof workOrderProgressNoted>
  | TypedEnvelope<typeof workOrderReplied>
  | TypedEnvelope<typeof workOrderFollowedUp>
  | TypedEnvelope<typeof workOrderTransferred>;

/**
 * The work orders as the monthly indicators count them (issue 22): every event says what the order is and who leads
 * it now; some add the first contact, the reply or a follow-up call.
 */
export async function projectWorkOrder(e: WorkOrderEvent, { facts }: Ports): Promise<void> {
  const d = e.data;
  const lead =
    e.type === "work-order.transferred"
      ? e.data.to
      : d.centerId
        ? { centerId: d.centerId, ...(d.departmentId ? { departmentId: d.departmentId } : {}) }
        : undefined;
  await facts.saveWorkOrder(
    {
      workOrderId: d.workOrderId,
      origin: d.origin,
      kind: d.kind,
      receivedAt: d.receivedAt,
      month: businessDate(new Date(d.receivedAt)).slice(0, 7),
      replyDueAt: d.replyDueAt,
      ...(lead ? { unit: lead } : {}),
      ...(e.type === "work-order.received" && e.data.contactWindowEndsAt
        ? { contactWindowEndsAt: e.data.contactWindowEndsAt }
        : {}),
    },
    e,
  );
  if (
    (e.type === "work-order.signed-for" || e.type === "work-order.progress-noted") &&
    e.data.contactedCallerAt
  )
    await facts.saveWorkOrderContact(d.workOrderId, e.data.contactedCallerAt);
  if (e.type === "work-order.replied") {
    await facts.saveWorkOrderReply(d.workOrderId, e.data.repliedAt);
    await facts.saveWorkOrderContact(d.workOrderId, e.data.repliedAt);
  }
  if (e.type === "work-order.followed-up") {
    const { reached, resolved, satisfied } = e.data;
    await facts.saveWorkOrderFollowUp(
      d.workOrderId,
      {
        reached,
        ...(resolved !== undefined ? { resolved } : {}),
        ...(satisfied !== undefined ? { satisfied } : {}),
      },
      e,
    );
  }
}

/** A work-order handler of the clocks, followed by the facts' projection; the handler's outcome stands. */
export const withWorkOrderFacts =
  <E extends WorkOrderEvent, R>(handler: (e: E, ports: MonitoringPorts) => Promise<R>) =>
  async (e: E, ports: MonitoringPorts): Promise<R> => {
    const outcome = await handler(e, ports);
    await projectWorkOrder(e, ports);
    return outcome;
  };
