import type { CalendarSource } from "#shared/calendar/holiday-schedule.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import type { WorkingCalendar } from "#shared/calendar/working-days.ts";

/**
 * How far the deadlines set today can reach, and which of the years they reach have no published schedule
 * (DOMAIN.md "Time and deadlines"; issue: the alarm fires in time). The longest run a case can have in working days
 * is the acceptance window, the longest committed limit any guide sets, the longest extension and the delivery days;
 * a deadline set today ends at most that far ahead. Every year from today's to that end must be official (or the
 * package's, which reproduces the notices) — a provisional year there means deadlines are being set on statutory
 * holidays alone, so the administrators are told while there is time to publish.
 */
export interface ReachPolicy {
  /** 行政许可法 art. 32: working days to accept or send a correction notice. */
  acceptanceWindowDays: number;
  /** 行政许可法 art. 42: the longest extension (15 for joint handling). */
  longestExtensionDays: number;
  /** 行政许可法 art. 44: working days to issue the result after the decision. */
  deliveryDays: number;
}

export const DEFAULT_REACH_POLICY: ReachPolicy = {
  acceptanceWindowDays: 5,
  longestExtensionDays: 15,
  deliveryDays: 10,
};

export interface CoverageStatus {
  checkedOn: string;
  /** The longest committed limit of any guide published so far (working days). */
  longestCommittedLimitDays: number;
  longestLimitWorkingDays: number;
  /** The last day a deadline set today can fall on. */
  reachesOn: string;
  /** Every year from today's to `reachesOn`'s, with where its calendar comes from. */
  years: { year: number; source: CalendarSource; notice?: { number: string; date: string } }[];
  provisionalYears: number[];
  status: "ok" | "provisional";
}

export function coverageStatus(
  now: Date,
  calendar: WorkingCalendar,
  longestCommittedLimitDays: number,
  policy: ReachPolicy,
): CoverageStatus {
  const checkedOn = businessDate(now);
  const longestLimitWorkingDays =
    policy.acceptanceWindowDays +
    longestCommittedLimitDays +
    policy.longestExtensionDays +
    policy.deliveryDays;
  const reachesOn = calendar.addWorkingDays(checkedOn, longestLimitWorkingDays);
  const years: CoverageStatus["years"] = [];
  for (let year = Number(checkedOn.slice(0, 4)); year <= Number(reachesOn.slice(0, 4)); year++) {
    const { source, notice } = calendar.year(year);
    years.push({ year, source, ...(notice ? { notice: { number: notice.number, date: notice.date } } : {}) });
  }
  const provisionalYears = years.filter((y) => y.source === "provisional").map((y) => y.year);
  return {
    checkedOn,
    longestCommittedLimitDays,
    longestLimitWorkingDays,
    reachesOn,
    years,
    provisionalYears,
    status: provisionalYears.length ? "provisional" : "ok",
  };
}
