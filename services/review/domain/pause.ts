import { addWorkingMillis, workingMillisBetween } from "#shared/calendar/working-days.ts";

/**
 * The pause hand-off (行政许可法 art. 45; DOMAIN.md: pauses extend by the working time paused). Review announces when a
 * procedure started and completed; the due date moves by exactly the working time between them — holidays and
 * weekends inside the pause do not count, and the same arithmetic is what supervision's clock applies.
 */
export function dueAfterPause(dueAt: Date, pausedFrom: Date, pausedTo: Date): Date {
  return addWorkingMillis(dueAt, workingMillisBetween(pausedFrom, pausedTo));
}
