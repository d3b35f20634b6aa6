/** Calendar errors: subclasses in the project's one hierarchy (`shared/errors.ts`), mapped by its status table. */
import { BadRequestError, RuleViolationError } from "../errors.ts";

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
