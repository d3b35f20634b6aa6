import { systemActor } from "#shared/auth/caller.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { logger } from "#shared/observability.ts";
import type { calendarYearPublished } from "#services/catalog/contract/events.ts";
import type { MonitoringPorts } from "../adapters/ports.ts";
import { CASE_STAGES, recalendar, type Clock } from "../domain/clock.ts";
import { deadlineMoved } from "../contract/events.ts";
import { centerDays } from "./center-days.ts";

type Ports = Pick<MonitoringPorts, "calendar" | "clocks" | "directory" | "clock" | "ids">;

/**
 * A year's holiday schedule was published (DOMAIN.md: provisional until then): keep it, then compute again every
 * working-day clock not yet stopped whose deadline falls in that year or the next (its period runs through the year):
 * the deadline, what it rests on and the warnings still to come move together, each with `clock.deadline-moved`;
 * warnings already raised stay raised, and none is raised twice. A clock changed meanwhile fails the message, which
 * comes back and finds the clocks already moved unchanged. Dates printed on issued notices are not touched (they
 * belong to intake and review, and stand as printed).
 */
export async function projectCalendarYear(
  event: TypedEnvelope<typeof calendarYearPublished>,
  ports: Ports,
): Promise<void> {
  await ports.calendar.project(event.data);
  const now = ports.clock.now().toISOString();
  const centers = new Map<string, ReturnType<typeof centerDays>>();
  let moved = 0;
  for await (const clocks of ports.clocks.openDueIn([event.data.year, event.data.year + 1]))
    for (const clock of clocks) {
      if (!centers.has(clock.centerId)) centers.set(clock.centerId, centerDays(clock.centerId, ports));
      const { days } = await centers.get(clock.centerId)!;
      const next = recalendar(clock, now, days);
      if (!next) continue;
      await ports.clocks.save(next, { events: [movedEvent(clock, next, event, now, ports)] });
      moved++;
    }
  logger.info("clocks moved by a published holiday schedule", {
    year: event.data.year,
    version: event.data.version,
    moved,
  });
}

function movedEvent(
  before: Clock,
  after: Clock,
  published: TypedEnvelope<typeof calendarYearPublished>,
  now: string,
  ports: Pick<Ports, "clock" | "ids">,
) {
  return newEvent(
    deadlineMoved,
    {
      clockId: after.id,
      subjectId: after.subjectId,
      stage: after.stage,
      centerId: after.centerId,
      ...(after.departmentId ? { departmentId: after.departmentId } : {}),
      ...(CASE_STAGES.has(after.stage) ? { applicationId: after.subjectId } : {}),
      ...(before.dueAt ? { previousDueAt: before.dueAt } : {}),
      dueAt: after.dueAt!,
      calendar: after.calendar ?? "official",
      year: published.data.year,
      calendarVersion: published.data.version,
      movedAt: now,
    },
    {
      source: "monitoring",
      subject: after.subjectId,
      actor: systemActor("calendar-projection"),
      correlationId: published.correlationId,
    },
    ports,
  );
}
