import { epochDay, startOfEpochDay } from "#shared/calendar/time-zone.ts";
import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import { DependencyPendingError } from "#shared/events/dependency.ts";
import { newEvent, type Envelope, type TypedEnvelope } from "#shared/events/envelope.ts";
import { keyedIds } from "#shared/ids.ts";
import type {
  acceptedWithDeficiencies,
  applicationAccepted,
  applicationRejected,
  applicationSubmitted,
  applicationSupplemented,
  correctionRequested,
  deemedAccepted,
  deficiencyCured,
} from "#services/intake/contract/events.ts";
import type {
  procedureCompleted,
  procedureStarted,
  reviewAssigned,
  reviewDecided,
  reviewExtended,
} from "#services/review/contract/events.ts";
import type { deliveryCompleted, deliveryReady } from "#services/delivery/contract/result-events.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";
import {
  extendClock,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type Clock,
  type Days,
  type Stage,
  type StartInput,
} from "../domain/clock.ts";
import { centerDays } from "./center-days.ts";
import { caseClockStopped } from "../contract/events.ts";

type Ports = Pick<MonitoringPorts, "clocks" | "directory" | "calendar">;

/**
 * The event arrived before the one that starts its clock (queues do not keep order): the message comes back after the
 * visibility timeout, by when the start has usually been applied; on its last delivery it is parked until the
 * subject's next event (shared/events/dependency.ts), never dead-lettered for waiting.
 */
export class ClockNotStartedError extends DependencyPendingError {
  override name = "ClockNotStartedError";
}

/**
 * Start a clock, or a new round of a stopped one when `restart`; a clock already started stays as it is. Returns
 * whether it wrote: the handlers that keep no idempotency record (on-event.handler.ts `ownIdempotency`) tell a repeat
 * by every step of theirs writing nothing. Two deliveries at once: the clock's conditional write refuses the second,
 * whose retry finds the clock started.
 */
export async function start(
  input: Omit<StartInput, "policy">,
  at: string,
  ports: Ports,
  restart = false,
): Promise<boolean> {
  const previous = await ports.clocks.get(input.subjectId, input.stage);
  if (previous && (previous.state !== "stopped" || !restart)) return false;
  const { center, days } = await centerDays(input.centerId, ports);
  const clock = startClock({ ...input, policy: center.policy }, previous, at, days);
  await ports.clocks.save(clock, {});
  return true;
}

/**
 * What a change announces (`clock.case-stopped`, issue 22), written after the clock rather than in its transaction:
 * the announcement's id derives from the stop (keyedIds), and the clock keeps the id of the event that made the stop,
 * so a redelivery of that event — finding the clock stopped by itself — writes the same event item again (refused
 * when it is there) instead of a second one, and a stop whose announcement was lost to a crash in between is announced
 * on the retry. One write instead of a transaction's doubled units for every case (docs/supervision-split.md §7).
 */
interface Announcement {
  /** The event making the change. */
  eventId: string;
  events: (next: Clock) => Envelope[];
}

/**
 * Change a running or paused clock. `change` returns undefined when the clock is already where the event would put it
 * (a repeated or late event), and nothing is written. Stopping closes the open warning: it clears with its clock, in
 * the same write. Returns whether it wrote.
 */
export async function update(
  subjectId: string,
  stage: Stage,
  at: string,
  ports: Ports,
  change: (clock: Clock, days: Days) => Clock | undefined,
  { required = true, announce }: { required?: boolean; announce?: Announcement } = {},
): Promise<boolean> {
  const clock = await ports.clocks.get(subjectId, stage);
  if (!clock) {
    if (required)
      throw new ClockNotStartedError(subjectId, `The ${stage} clock of ${subjectId} has not started yet.`);
    return false;
  }
  const { days } = await centerDays(clock.centerId, ports);
  const changed = change(clock, days);
  if (!changed) {
    // This event's own stop, delivered again: its announcement again, in case the first delivery ended before it.
    const again = announce && clock.state === "stopped" && clock.stopEventId === announce.eventId;
    return again ? ports.clocks.announce(clock, announce.events(clock)) : false;
  }
  const next =
    announce && changed.state === "stopped" ? { ...changed, stopEventId: announce.eventId } : changed;
  const open = next.state === "stopped" ? clock.openWarning : undefined;
  const warning = open && (await ports.clocks.warning({ ...clock, level: open.level }));
  const { openWarning: _, ...closed } = next;
  await ports.clocks.save(
    warning ? closed : next,
    warning?.state === "open" ? { close: { warning, state: "cleared" as const, at } } : {},
  );
  if (announce) await ports.clocks.announce(next, announce.events(next));
  return true;
}

/**
 * `clock.case-stopped` for a whole-case clock that the event `e` stopped (issue 22): what complaints needs to let the
 * case be rated — where, by whom and when it ended — without reading this table. Its id is the stop's own (the
 * subject, the round and the instant), the same however often it is written.
 */
const caseStopped = (
  e: { id: string; correlationId: string; actor: Envelope["actor"] },
  ports: Pick<MonitoringPorts, "clock">,
): Announcement => ({
  eventId: e.id,
  events: (clock) => [
    newEvent(
      caseClockStopped,
      {
        applicationId: clock.subjectId,
        centerId: clock.centerId,
        ...(clock.departmentId ? { departmentId: clock.departmentId } : {}),
        ...(clock.itemId ? { itemId: clock.itemId } : {}),
        ...(clock.ownerId ? { ownerId: clock.ownerId } : {}),
        stoppedAt: clock.stoppedAt!,
        outcome: clock.outcome!,
      },
      { source: "monitoring", subject: clock.subjectId, correlationId: e.correlationId, actor: e.actor },
      {
        clock: ports.clock,
        ids: keyedIds(
          `${caseClockStopped.type}\u0000${clock.id}\u0000${clock.round}\u0000${clock.stoppedAt}`,
        ),
      },
    ),
  ],
});

type Marks = Pick<MonitoringPorts, "marks" | "clock">;

/**
 * The outcome of a handler whose steps may change nothing even the first time (a task routed to a department without
 * an approver; the clocks stopped already by the other delivery event, which queues may deliver first). Applied when a
 * step wrote; a `"duplicate"` when what the steps found is this event's own doing (`ours`: a repeat); otherwise a first
 * application with nothing to change, noted with one conditional write so that its own repeat, which finds the note,
 * is the duplicate (shared/events/event-marks.ts).
 */
async function outcomeNoted(
  e: { id: string },
  wrote: boolean[],
  ours: () => Promise<boolean>,
  ports: Marks,
): Promise<HandlerOutcome> {
  if (wrote.some(Boolean)) return undefined;
  if (await ours()) return "duplicate";
  return duplicateUnless(await ports.marks.note("events", e.id, ports.clock.now()));
}

/** Whether a stopped clock was stopped by this event: at its time, with its outcome. */
const stoppedBy = async (ports: Ports, subjectId: string, stage: Stage, at: string, outcome: string) => {
  const clock = await ports.clocks.get(subjectId, stage);
  return clock?.state === "stopped" && clock.stoppedAt === at && clock.outcome === outcome;
};

export function stopAt(time: string, outcome: string) {
  return (clock: Clock, days: Days) =>
    clock.state === "stopped" ? undefined : stopClock(clock, time, outcome, days);
}
const pauseAt = (time: string, by: string) => (clock: Clock) =>
  clock.state === "running" ? pauseClock(clock, time, by) : undefined;
const resumeAt = (time: string, by: string) => (clock: Clock, days: Days) =>
  clock.state === "paused" && clock.pausedBy === by ? resumeClock(clock, time, by, days) : undefined;

/** The end (24:00 Beijing) of a date a document set as the last day. */
const endOfDate = (date: string) => new Date(startOfEpochDay(epochDay(date) + 1)).toISOString();

// ——— Intake ———

/** Art. 21, 27: the acceptance window runs from the materials' arrival, and so does the whole case. */
export async function onSubmitted(
  e: TypedEnvelope<typeof applicationSubmitted>,
  ports: Ports & Pick<MonitoringPorts, "policy">,
): Promise<HandlerOutcome> {
  const d = e.data;
  const base = {
    subjectId: d.applicationId,
    centerId: d.centerId,
    departmentId: d.departmentId,
    itemId: d.itemId,
    ...(d.ownerId ? { ownerId: d.ownerId } : {}),
  };
  const handler =
    e.actor.role === "clerk" &&
    (await ports.directory.saveHandler(
      { subjectId: d.applicationId, stage: "acceptance", userId: e.actor.id },
      e,
    ));
  const acceptance = await start(
    {
      ...base,
      stage: "acceptance",
      limit: { unit: "workingDays", amount: ports.policy.acceptanceWindowDays },
      startedAt: d.materialsArrivedAt,
      expiry: "acceptanceWindow",
      facts: { materialsArrivedAt: d.materialsArrivedAt },
    },
    e.occurredAt,
    ports,
  );
  const whole = await start(
    {
      ...base,
      stage: "case",
      limit: {
        unit: "workingDays",
        amount: ports.policy.acceptanceWindowDays + d.committedLimitDays + ports.policy.deliveryLimitDays,
      },
      startedAt: d.materialsArrivedAt,
    },
    e.occurredAt,
    ports,
  );
  return duplicateUnless(handler, acceptance, whole);
}

/** Art. 27(二): the notice ends the acceptance window; the applicant's time to correct does not count for the case. */
export async function onCorrectionRequested(e: TypedEnvelope<typeof correctionRequested>, ports: Ports) {
  await update(
    e.data.applicationId,
    "acceptance",
    e.occurredAt,
    ports,
    stopAt(e.occurredAt, "correctionRequested"),
  );
  await update(e.data.applicationId, "case", e.occurredAt, ports, pauseAt(e.occurredAt, "correction"));
}

/** Materials after a correction notice start the acceptance window again; after a tolerant acceptance they cure. */
export async function onSupplemented(
  e: TypedEnvelope<typeof applicationSupplemented>,
  ports: Ports & Pick<MonitoringPorts, "policy">,
) {
  const d = e.data;
  if (d.state === "submitted") {
    const previous = await ports.clocks.get(d.applicationId, "acceptance");
    if (!previous)
      throw new ClockNotStartedError(
        d.applicationId,
        `The acceptance clock of ${d.applicationId} has not started yet.`,
      );
    await start(
      {
        subjectId: d.applicationId,
        stage: "acceptance",
        centerId: d.centerId,
        departmentId: d.departmentId,
        itemId: d.itemId,
        ...(d.ownerId ? { ownerId: d.ownerId } : {}),
        limit: { unit: "workingDays", amount: ports.policy.acceptanceWindowDays },
        startedAt: d.materialsArrivedAt,
        expiry: "acceptanceWindow",
        facts: { materialsArrivedAt: d.materialsArrivedAt },
      },
      e.occurredAt,
      ports,
      true,
    );
    await update(d.applicationId, "case", e.occurredAt, ports, resumeAt(e.occurredAt, "correction"));
  } else if (d.state === "acceptedWithDeficiencies") {
    const supplied = new Set(d.materials);
    await update(d.applicationId, "cure", e.occurredAt, ports, (clock) =>
      clock.state === "stopped"
        ? undefined
        : {
            ...clock,
            facts: {
              ...clock.facts,
              missingMaterials: (clock.facts.missingMaterials ?? []).filter((m) => !supplied.has(m)),
            },
            version: clock.version + 1,
            updatedAt: e.occurredAt,
          },
    );
  }
}

/** Accepted (or deemed so): the acceptance window is over and the committed limit runs (art. 27(一); 行政许可法 art. 32). */
export async function onAccepted(
  e: TypedEnvelope<typeof applicationAccepted | typeof deemedAccepted | typeof acceptedWithDeficiencies>,
  ports: Ports,
): Promise<HandlerOutcome> {
  const d = e.data;
  const acceptedAt = "acceptedAsOf" in d ? d.acceptedAsOf : d.acceptedAt;
  // The acceptance outcome the monthly indicators count (art. 27: accepted, tolerant, correction, rejected, deemed).
  const outcome =
    e.type === "application.deemed-accepted"
      ? "deemedAccepted"
      : "cureDeadline" in d
        ? "acceptedWithDeficiencies"
        : "accepted";
  const stopped = await update(
    d.applicationId,
    "acceptance",
    e.occurredAt,
    ports,
    stopAt(e.occurredAt, outcome),
  );
  const review = await start(
    {
      subjectId: d.applicationId,
      stage: "review",
      centerId: d.centerId,
      departmentId: d.departmentId,
      itemId: d.itemId,
      ...(d.ownerId ? { ownerId: d.ownerId } : {}),
      limit: { unit: "workingDays", amount: d.committedLimitDays },
      startedAt: acceptedAt,
    },
    e.occurredAt,
    ports,
  );
  const cure =
    "cureDeadline" in d &&
    // Art. 27(三): the applicant's own deadline — no staff warnings, only the expiry review acts on.
    (await start(
      {
        subjectId: d.applicationId,
        stage: "cure",
        centerId: d.centerId,
        departmentId: d.departmentId,
        itemId: d.itemId,
        ...(d.ownerId ? { ownerId: d.ownerId } : {}),
        limit: { unit: "until", dueAt: endOfDate(d.cureDeadline) },
        startedAt: d.acceptedAt,
        warns: false,
        expiry: "cureDeadline",
        facts: { missingMaterials: d.missingMaterials },
      },
      e.occurredAt,
      ports,
    ));
  return duplicateUnless(stopped, review, cure);
}

export async function onCured(e: TypedEnvelope<typeof deficiencyCured>, ports: Ports) {
  await update(e.data.applicationId, "cure", e.occurredAt, ports, stopAt(e.data.curedAt, "cured"));
}

export async function onRejected(
  e: TypedEnvelope<typeof applicationRejected>,
  ports: Ports & Pick<MonitoringPorts, "clock">,
) {
  await update(
    e.data.applicationId,
    "acceptance",
    e.occurredAt,
    ports,
    stopAt(e.data.rejectedAt, "rejected"),
  );
  await update(e.data.applicationId, "case", e.occurredAt, ports, stopAt(e.data.rejectedAt, "rejected"), {
    announce: caseStopped(e, ports),
  });
}

// ——— Review ———

/** The approver a review task is assigned to handles the review stage: they get its warnings. */
export async function onAssigned(
  e: TypedEnvelope<typeof reviewAssigned>,
  ports: Ports & Marks,
): Promise<HandlerOutcome> {
  const { applicationId, assigneeId } = e.data;
  const kept =
    !!assigneeId &&
    (await ports.directory.saveHandler({ subjectId: applicationId, stage: "review", userId: assigneeId }, e));
  return outcomeNoted(
    e,
    [kept],
    async () => !!assigneeId && (await ports.directory.handlerFrom(applicationId, "review", e)),
    ports,
  );
}

/** 行政许可法 art. 45: the procedure has its own clock; the review and the case stand still while it runs. */
export async function onProcedureStarted(e: TypedEnvelope<typeof procedureStarted>, ports: Ports) {
  const d = e.data;
  await start(
    {
      subjectId: d.applicationId,
      stage: "procedure",
      centerId: d.centerId,
      departmentId: d.departmentId,
      limit: { unit: "workingDays", amount: d.expectedWorkingDays },
      startedAt: d.startedAt,
    },
    e.occurredAt,
    ports,
    true,
  );
  if (!d.pausesClock) return;
  await update(d.applicationId, "review", e.occurredAt, ports, pauseAt(d.startedAt, d.procedureId));
  await update(d.applicationId, "case", e.occurredAt, ports, pauseAt(d.startedAt, d.procedureId), {
    required: false,
  });
}

export async function onProcedureCompleted(e: TypedEnvelope<typeof procedureCompleted>, ports: Ports) {
  const d = e.data;
  await update(d.applicationId, "procedure", e.occurredAt, ports, stopAt(d.completedAt, "completed"));
  await update(d.applicationId, "review", e.occurredAt, ports, resumeAt(d.completedAt, d.procedureId));
  await update(d.applicationId, "case", e.occurredAt, ports, resumeAt(d.completedAt, d.procedureId), {
    required: false,
  });
}

/** 行政许可法 art. 42: the extension lengthens the review and the whole case alike. */
export async function onExtended(e: TypedEnvelope<typeof reviewExtended>, ports: Ports) {
  const d = e.data;
  const extend = (clock: Clock, days: Days) =>
    clock.state === "stopped" ? undefined : extendClock(clock, d.extraWorkingDays, e.occurredAt, days);
  await update(d.applicationId, "review", e.occurredAt, ports, extend);
  await update(d.applicationId, "case", e.occurredAt, ports, extend, { required: false });
}

/** The decision ends the review (and any cure still running); the result must reach the applicant in time (art. 44). */
export async function onDecided(
  e: TypedEnvelope<typeof reviewDecided>,
  ports: Ports & Pick<MonitoringPorts, "policy">,
): Promise<HandlerOutcome> {
  const d = e.data;
  const review = await update(
    d.applicationId,
    "review",
    e.occurredAt,
    ports,
    stopAt(d.decidedAt, d.decision),
  );
  const cure = await update(d.applicationId, "cure", e.occurredAt, ports, stopAt(d.decidedAt, "decided"), {
    required: false,
  });
  const delivery = await start(
    {
      subjectId: d.applicationId,
      stage: "delivery",
      centerId: d.centerId,
      departmentId: d.departmentId,
      itemId: d.itemId,
      limit: { unit: "workingDays", amount: ports.policy.deliveryLimitDays },
      startedAt: d.decidedAt,
    },
    e.occurredAt,
    ports,
  );
  return duplicateUnless(review, cure, delivery);
}

// ——— Delivery ———

/**
 * The delivery stage and the whole case stop at `at` (each only if it still runs): applied when either stopped here, a
 * duplicate when the delivery clock stands stopped by this very event, else noted (the other delivery event stopped
 * them first).
 */
async function stopDelivery(
  e: Envelope & { data: { applicationId: string } },
  at: string,
  outcome: string,
  ports: Ports & Marks,
): Promise<HandlerOutcome> {
  const { applicationId } = e.data;
  const delivery = await update(applicationId, "delivery", e.occurredAt, ports, stopAt(at, outcome));
  const whole = await update(applicationId, "case", e.occurredAt, ports, stopAt(at, "completed"), {
    required: false,
    announce: caseStopped(e, ports),
  });
  return outcomeNoted(
    e,
    [delivery, whole],
    () => stoppedBy(ports, applicationId, "delivery", at, outcome),
    ports,
  );
}

/**
 * Art. 44: the center delivers on time when the result is issued and made available — a pickup code or a loaded
 * locker, the link sent, the parcel handed to the post (`delivery.ready`). How long the applicant then takes to
 * collect is theirs, not the staff's: the delivery stage and the whole case stop here (issue 17).
 */
export const onDeliveryReady = (e: TypedEnvelope<typeof deliveryReady>, ports: Ports & Marks) =>
  stopDelivery(e, e.data.readyAt, "madeAvailable", ports);

/** The result reached the applicant. The clocks stopped when it was made available; this only stops them if not. */
export const onDeliveryCompleted = (e: TypedEnvelope<typeof deliveryCompleted>, ports: Ports & Marks) =>
  stopDelivery(e, e.data.completedAt, "delivered", ports);
