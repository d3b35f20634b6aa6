import days from "chinese-days/dist/chinese-days.json" with { type: "json" };

/**
 * The years the State Council holiday data (the `chinese-days` package) covers. Past them the package silently treats
 * every date as a plain week (LOCAL-STACK.md), so deadlines would be wrong without any error: the calendar refuses
 * such dates, and a daily check warns while there is still time to update the package.
 */
const years = [...Object.keys(days.holidays), ...Object.keys(days.workdays)].map((d) =>
  Number(d.slice(0, 4)),
);

export const calendarCoverage = {
  from: `${Math.min(...years)}-01-01`,
  until: `${Math.max(...years)}-12-31`,
} as const;

export function isCovered(date: string): boolean {
  return date >= calendarCoverage.from && date <= calendarCoverage.until;
}
