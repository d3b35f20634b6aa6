import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { calendarYearPublished } from "#services/catalog/contract/events.ts";
import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import type { ReviewPorts } from "../adapters/ports.ts";
import { taskDue } from "../domain/due.ts";

type Ports = Pick<ReviewPorts, "calendar" | "tasks">;

/**
 * A year's holiday schedule was published: keep it, and compute again the due date of every open task it can move —
 * those due in that year, and those due the next year (their period runs through it). A task changed meanwhile fails
 * the message, which comes back and finds the tasks already moved unchanged: each step is conditional on its own (the
 * year by its version, a task by the version read), so no idempotency record is kept (issue 21).
 */
export async function projectCalendarYear(
  event: TypedEnvelope<typeof calendarYearPublished>,
  ports: Ports,
): Promise<HandlerOutcome> {
  const projected = await ports.calendar.project(event.data);
  let moved = 0;
  const calendar = await ports.calendar.calendar();
  const ids = [
    ...(await ports.tasks.openDueIn(event.data.year)),
    ...(await ports.tasks.openDueIn(event.data.year + 1)),
  ];
  for (const applicationId of ids) {
    const task = await ports.tasks.get(applicationId);
    if (!task || task.state === "decided") continue;
    const { dueAt, calendar: dueCalendar } = taskDue(task, calendar);
    if (dueAt === task.dueAt && dueCalendar === task.dueCalendar) continue;
    await ports.tasks.update(
      { ...task, dueAt, dueCalendar, version: task.version + 1, updatedAt: event.occurredAt },
      [],
    );
    moved++;
  }
  // The year held already and no task left to move: applied before, the whole of it ("duplicate").
  return duplicateUnless(projected, moved > 0);
}
