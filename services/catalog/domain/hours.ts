import { timeRangeSchema, type TimeRange, type ServiceHours } from "../contract/hours-values.ts";

export * from "../contract/hours-values.ts";

/**
 * The published shapes of service hours are catalog's contract (a value schema every projection parses); whether
 * a center's hours cover the standard ones is catalog's own registration policy, so it stays here (issue 22).
 */
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Whether `hours` serve at least the standard legal working hours (policy: Beijing's office hours). */
export function coversStandardHours(hours: ServiceHours, standard: readonly TimeRange[]): boolean {
  return standard.every((s) =>
    hours.workingDays.some((r) => minutes(r.from) <= minutes(s.from) && minutes(r.to) >= minutes(s.to)),
  );
}

/** "09:00-12:00,13:30-17:00" → ranges (the policy value's format). */
export function parseRanges(text: string): TimeRange[] {
  return text.split(",").map((part) => {
    const [from, to] = part.trim().split("-") as [string, string];
    return timeRangeSchema.parse({ from, to });
  });
}
