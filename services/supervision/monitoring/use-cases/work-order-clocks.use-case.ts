import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";
import type {
  workOrderDispatched,
  workOrderReceived,
  workOrderReplied,
  workOrderSignedFor,
  workOrderTransferred,
} from "#services/supervision/complaints/contract/work-order-events.ts";
import type {
  rectificationCancelled,
  rectificationCompleted,
  rectificationOpened,
} from "#services/supervision/complaints/contract/rating-events.ts";
import { start, stopAt, update } from "./case-clocks.use-case.ts";

type Ports = Pick<MonitoringPorts, "clocks" | "directory" | "calendar">;

/**
 * The reply clock of a work order (DOMAIN.md 接诉即办: emergency 2 h … complex 15 days): it runs from receipt, in the
 * unit that has the order; it starts when a center is known (at receipt, or at the supervisors' dispatch), and stops
 * with the reply. Warnings: the handler who signed for it, the department's chief representative from yellow, the
 * center's administration at red.
 */
async function startReplyClock(
  e: TypedEnvelope<typeof workOrderReceived | typeof workOrderDispatched>,
  ports: Ports,
) {
  const d = e.data;
  if (!d.centerId) return;
  await start(
    {
      subjectId: d.workOrderId,
      stage: "hotlineReply",
      centerId: d.centerId,
      ...(d.departmentId ? { departmentId: d.departmentId } : {}),
      limit: d.replyLimit,
      startedAt: d.receivedAt,
    },
    e.occurredAt,
    ports,
  );
}

export const onWorkOrderReceived = (e: TypedEnvelope<typeof workOrderReceived>, ports: Ports) =>
  startReplyClock(e, ports);

/** Dispatch to a department: the clock moves with the order, so its chief representative is warned. */
export async function onWorkOrderDispatched(e: TypedEnvelope<typeof workOrderDispatched>, ports: Ports) {
  await startReplyClock(e, ports);
  await moveClock(
    e.data.workOrderId,
    { centerId: e.data.centerId, departmentId: e.data.departmentId },
    e,
    ports,
  );
}

export async function onWorkOrderSignedFor(e: TypedEnvelope<typeof workOrderSignedFor>, ports: Ports) {
  await ports.directory.saveHandler(
    { subjectId: e.data.workOrderId, stage: "hotlineReply", userId: e.data.signedForBy },
    e,
  );
}

export async function onWorkOrderReplied(e: TypedEnvelope<typeof workOrderReplied>, ports: Ports) {
  await update(e.data.workOrderId, "hotlineReply", e.occurredAt, ports, stopAt(e.data.repliedAt, "replied"));
}

export const onWorkOrderTransferred = (e: TypedEnvelope<typeof workOrderTransferred>, ports: Ports) =>
  moveClock(e.data.workOrderId, e.data.to, e, ports);

async function moveClock(
  workOrderId: string,
  to: { centerId: string; departmentId?: string },
  e: { occurredAt: string },
  ports: Ports,
) {
  await update(workOrderId, "hotlineReply", e.occurredAt, ports, (clock) => {
    if (clock.state === "stopped") return undefined;
    if (clock.centerId === to.centerId && clock.departmentId === to.departmentId) return undefined;
    const { departmentId: _, ...rest } = clock;
    return {
      ...rest,
      centerId: to.centerId,
      ...(to.departmentId ? { departmentId: to.departmentId } : {}),
      version: clock.version + 1,
      updatedAt: e.occurredAt,
    };
  });
}

/**
 * A 差评's rectification runs on its own clock (Beijing: 7 days), warning the responsible department; it stops when the
 * measures are recorded, or when the rating is excluded on appeal.
 */
/** Keeps no idempotency record (on-event.handler.ts): the clock starts once, and a repeat finds it started. */
export async function onRectificationOpened(
  e: TypedEnvelope<typeof rectificationOpened>,
  ports: Ports,
): Promise<HandlerOutcome> {
  const d = e.data;
  const started = await start(
    {
      subjectId: d.rectificationId,
      stage: "rectification",
      centerId: d.centerId,
      ...(d.departmentId ? { departmentId: d.departmentId } : {}),
      limit: { unit: "calendarDays", amount: d.days },
      startedAt: d.openedAt,
    },
    e.occurredAt,
    ports,
  );
  return duplicateUnless(started);
}

export async function onRectificationClosed(
  e: TypedEnvelope<typeof rectificationCompleted | typeof rectificationCancelled>,
  ports: Ports,
) {
  await update(
    e.data.rectificationId,
    "rectification",
    e.occurredAt,
    ports,
    stopAt(
      "completedAt" in e.data ? e.data.completedAt : e.data.cancelledAt,
      "completedAt" in e.data ? "completed" : "cancelled",
    ),
  );
}
