import { epochDay, startOfEpochDay } from "#shared/calendar/time-zone.ts";
import { DependencyPendingError } from "#shared/events/dependency.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type {
  acceptedWithDeficiencies,
  applicationAccepted,
  applicationRejected,
  applicationSubmitted,
  applicationSupplemented,
  correctionRequested,
  deemedAccepted,
  deficiencyCured,
} from "#services/intake/events.ts";
import type {
  procedureCompleted,
  procedureStarted,
  reviewAssigned,
  reviewDecided,
  reviewExtended,
} from "#services/review/events.ts";
import type { deliveryCompleted, deliveryReady } from "#services/delivery/result-events.ts";
import type { SupervisionPorts } from "../adapters/ports.ts";
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

type Ports = Pick<SupervisionPorts, "clocks" | "directory" | "calendar">;

/**
 * The event arrived before the one that starts its clock (queues do not keep order): the message comes back after the
 * visibility timeout, by when the start has usually been applied; on its last delivery it is parked until the
 * subject's next event (shared/events/dependency.ts), never dead-lettered for waiting.
 */
export class ClockNotStartedError extends DependencyPendingError {
  override name = "ClockNotStartedError";
}

/** Start a clock, or a new round of a stopped one when `restart`; a clock already started stays as it is. */
export async function start(input: Omit<StartInput, "policy">, at: string, ports: Ports, restart = false) {
  const previous = await ports.clocks.get(input.subjectId, input.stage);
  if (previous && (previous.state !== "stopped" || !restart)) return;
  const { center, days } = await centerDays(input.centerId, ports);
  const clock = startClock({ ...input, policy: center.policy }, previous, at, days);
  await ports.clocks.save(clock, {});
}

/**
 * Change a running or paused clock. `change` returns undefined when the clock is already where the event would put it
 * (a repeated or late event), and nothing is written. Stopping closes the open warning: it clears with its clock.
 */
export async function update(
  subjectId: string,
  stage: Stage,
  at: string,
  ports: Ports,
  change: (clock: Clock, days: Days) => Clock | undefined,
  { required = true } = {},
) {
  const clock = await ports.clocks.get(subjectId, stage);
  if (!clock) {
    if (required)
      throw new ClockNotStartedError(subjectId, `The ${stage} clock of ${subjectId} has not started yet.`);
    return;
  }
  const { days } = await centerDays(clock.centerId, ports);
  const next = change(clock, days);
  if (!next) return;
  const open = next.state === "stopped" ? clock.openWarning : undefined;
  const warning = open && (await ports.clocks.warning({ ...clock, level: open.level }));
  const { openWarning: _, ...closed } = next;
  await ports.clocks.save(
    warning ? closed : next,
    warning?.state === "open" ? { close: { warning, state: "cleared", at } } : {},
  );
}

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
  ports: Ports & Pick<SupervisionPorts, "policy">,
) {
  const d = e.data;
  const base = {
    subjectId: d.applicationId,
    centerId: d.centerId,
    departmentId: d.departmentId,
    itemId: d.itemId,
    ...(d.ownerId ? { ownerId: d.ownerId } : {}),
  };
  if (e.actor.role === "clerk")
    await ports.directory.saveHandler(
      { subjectId: d.applicationId, stage: "acceptance", userId: e.actor.id },
      e,
    );
  await start(
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
  await start(
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
  ports: Ports & Pick<SupervisionPorts, "policy">,
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
) {
  const d = e.data;
  const acceptedAt = "acceptedAsOf" in d ? d.acceptedAsOf : d.acceptedAt;
  // The acceptance outcome the monthly indicators count (art. 27: accepted, tolerant, correction, rejected, deemed).
  const outcome =
    e.type === "application.deemed-accepted"
      ? "deemedAccepted"
      : "cureDeadline" in d
        ? "acceptedWithDeficiencies"
        : "accepted";
  await update(d.applicationId, "acceptance", e.occurredAt, ports, stopAt(e.occurredAt, outcome));
  await start(
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
  if ("cureDeadline" in d)
    // Art. 27(三): the applicant's own deadline — no staff warnings, only the expiry review acts on.
    await start(
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
    );
}

export const onCured = (e: TypedEnvelope<typeof deficiencyCured>, ports: Ports) =>
  update(e.data.applicationId, "cure", e.occurredAt, ports, stopAt(e.data.curedAt, "cured"));

export async function onRejected(e: TypedEnvelope<typeof applicationRejected>, ports: Ports) {
  await update(
    e.data.applicationId,
    "acceptance",
    e.occurredAt,
    ports,
    stopAt(e.data.rejectedAt, "rejected"),
  );
  await update(e.data.applicationId, "case", e.occurredAt, ports, stopAt(e.data.rejectedAt, "rejected"));
}

// ——— Review ———

/** The approver a review task is assigned to handles the review stage: they get its warnings. */
export async function onAssigned(e: TypedEnvelope<typeof reviewAssigned>, ports: Ports) {
  if (e.data.assigneeId)
    await ports.directory.saveHandler(
      { subjectId: e.data.applicationId, stage: "review", userId: e.data.assigneeId },
      e,
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
  ports: Ports & Pick<SupervisionPorts, "policy">,
) {
  const d = e.data;
  await update(d.applicationId, "review", e.occurredAt, ports, stopAt(d.decidedAt, d.decision));
  await update(d.applicationId, "cure", e.occurredAt, ports, stopAt(d.decidedAt, "decided"), {
    required: false,
  });
  await start(
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
}

// ——— Delivery ———

/**
 * Art. 44: the center delivers on time when the result is issued and made available — a pickup code or a loaded
 * locker, the link sent, the parcel handed to the post (`delivery.ready`). How long the applicant then takes to
 * collect is theirs, not the staff's: the delivery stage and the whole case stop here (issue 17).
 */
export async function onDeliveryReady(e: TypedEnvelope<typeof deliveryReady>, ports: Ports) {
  const d = e.data;
  await update(d.applicationId, "delivery", e.occurredAt, ports, stopAt(d.readyAt, "madeAvailable"));
  await update(d.applicationId, "case", e.occurredAt, ports, stopAt(d.readyAt, "completed"), {
    required: false,
  });
}

/** The result reached the applicant. The clocks stopped when it was made available; this only stops them if not. */
export async function onDeliveryCompleted(e: TypedEnvelope<typeof deliveryCompleted>, ports: Ports) {
  const d = e.data;
  await update(d.applicationId, "delivery", e.occurredAt, ports, stopAt(d.completedAt, "delivered"));
  await update(d.applicationId, "case", e.occurredAt, ports, stopAt(d.completedAt, "completed"), {
    required: false,
  });
}
