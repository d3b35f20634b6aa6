import type { CalendarSource } from "#shared/calendar/holiday-schedule.ts";
import type { WorkingCalendar } from "#shared/calendar/working-days.ts";
import type { ReviewTask } from "./task.ts";

/**
 * When the decision is due, from the task's facts (行政许可法 art. 42, 45; DOMAIN.md): the end of the committed limit,
 * plus an extension, counted in working days from acceptance, then moved by exactly the working time special
 * procedures paused it (holidays and weekends inside a pause do not count) — the same arithmetic supervision's clock
 * applies. Computed whole each time, never shifted step by step, so publishing a year's schedule recomputes it.
 * `calendar` says what it rests on: `provisional` while a year it touches is not published.
 */
export function taskDue(
  task: Pick<ReviewTask, "acceptedAt" | "committedLimitDays" | "extension" | "procedures">,
  calendar: WorkingCalendar,
): { dueAt: string; calendar: CalendarSource } {
  const days = task.committedLimitDays + (task.extension?.extraWorkingDays ?? 0);
  const base = calendar.deadlineEnd(new Date(task.acceptedAt), days);
  const paused = task.procedures
    .filter((p) => p.pausesClock && p.completedAt)
    .reduce(
      (sum, p) => sum + calendar.workingMillisBetween(new Date(p.startedAt), new Date(p.completedAt!)),
      0,
    );
  const due = calendar.addWorkingMillis(base, paused);
  return { dueAt: due.toISOString(), calendar: calendar.basisOf(new Date(task.acceptedAt), due) };
}
