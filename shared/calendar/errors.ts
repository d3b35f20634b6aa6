/** Calendar errors: subclasses in the project's one hierarchy (`shared/errors.ts`), mapped by its status table. */
import { BadRequestError, RuleViolationError } from "../errors.ts";
import { calendarCoverage } from "./coverage.ts";

/**
 * A date past the State Council holiday data. The package would silently treat it as a plain week (LOCAL-STACK.md),
 * which would put deadlines on holidays, so the calendar refuses instead (DOMAIN.md, "Time and deadlines"): a 422
 * that says so, and the daily coverage check warns weeks before it can happen.
 */
export class CalendarNotCoveredError extends RuleViolationError {
  override readonly code: string = "calendar-not-covered";
  constructor(readonly date: string) {
    super(
      "calendar-coverage",
      `${date} is outside the holiday calendar, which covers ${calendarCoverage.from} to ${calendarCoverage.until}: ` +
        "working days cannot be computed for it. Update the chinese-days package (it is updated on each State " +
        "Council holiday notice).",
      [],
      { date, coveredFrom: calendarCoverage.from, coveredUntil: calendarCoverage.until },
    );
  }
}

/** A business date that is not YYYY-MM-DD or not a real day (2026-02-30). */
export class InvalidBusinessDateError extends BadRequestError {
  constructor(readonly value: unknown) {
    const shown = JSON.stringify(typeof value === "string" ? value.slice(0, 40) : String(value));
    super(`${shown} is not a calendar date in the form YYYY-MM-DD.`, { value: shown });
  }
}

/** A date range the calendar refuses: reversed, or longer than the cap. */
export class CalendarRangeError extends RuleViolationError {
  constructor(detail: string) {
    super("calendar-range", detail);
  }
}
