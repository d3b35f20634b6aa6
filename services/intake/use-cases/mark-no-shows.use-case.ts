import { systemActor } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { logger } from "#shared/observability.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import {
  beijingTime,
  nextAppointmentState,
  noShowCutoff,
  noShowSweepDates,
  type Appointment,
} from "../domain/appointments.ts";
import { appointmentNoShow } from "../contract/queue-events.ts";

type Ports = Pick<IntakePorts, "appointments" | "clock" | "ids" | "policy">;

/** Marks written at once: enough to keep up, few enough not to crowd the table. */
const PARALLEL = 10;

/**
 * Mark booked appointments nobody checked in for by their start plus the grace period as missed (art. 22: a slot
 * not used is recorded, e.g. for supervision's indicators). Reads only the sparse index of appointments still due,
 * so its cost grows with them, not with all appointments. Each mark is conditional on the version read, so a rerun
 * of the same firing, or a check-in at the last moment, is never overwritten. Nothing is released: the slot has
 * passed.
 */
export async function markNoShows(
  scheduledAt: Date,
  runId: string,
  ports: Ports,
): Promise<{ due: number; marked: number }> {
  const cutoff = noShowCutoff(scheduledAt, ports.policy.noShowGraceMinutes);
  const due: Appointment[] = [];
  for (const date of noShowSweepDates(cutoff)) {
    due.push(...(await ports.appointments.due(date, beijingTime(cutoff))));
  }
  let marked = 0;
  for (let i = 0; i < due.length; i += PARALLEL) {
    const results = await Promise.all(due.slice(i, i + PARALLEL).map((a) => markOne(a, runId, ports)));
    marked += results.filter(Boolean).length;
  }
  if (due.length) logger.info("appointments marked as no-shows", { due: due.length, marked, cutoff });
  return { due: due.length, marked };
}

async function markOne(appointment: Appointment, runId: string, ports: Ports): Promise<boolean> {
  const now = ports.clock.now().toISOString();
  const next: Appointment = {
    ...appointment,
    state: nextAppointmentState(appointment.state, "markNoShow"),
    noShowAt: now,
    version: appointment.version + 1,
    updatedAt: now,
  };
  const event = newEvent(
    appointmentNoShow,
    {
      appointmentId: next.id,
      centerId: next.centerId,
      itemId: next.itemId,
      slotStart: next.slotStart,
      slotEnd: next.slotEnd,
      extendedHours: next.extendedHours,
      markedAt: now,
    },
    { source: "intake", subject: next.id, actor: systemActor("mark-no-shows"), correlationId: runId },
    ports,
  );
  return ports.appointments.markNoShow(next, event);
}
