import { DAY_MS } from "#shared/calendar/time-zone.ts";
import { elapsed, LEVELS, STAGES, type Clock, type Days, type Level, type Stage } from "./clock.ts";
import {
  ratingRates,
  ratio,
  rectificationRates,
  workOrderRates,
  type CountedWorkOrder,
} from "#services/supervision/complaints/contract/rates.ts";

/**
 * The monthly quality-and-efficiency indicators (质效监测评价指标, art. 54) of a center and of each of its departments,
 * from the month's stopped clocks, raised warnings, work orders, ratings and rectifications. Pure; definitions in
 * docs/indicators.md.
 */

export interface WarningFact {
  stage: Stage;
  level: Level;
  departmentId?: string;
}

/**
 * The stages whose stopped clocks the indicators count (`caseIndicators`): acceptance outcomes, decisions and their
 * working days, completed cases on time. Only these are kept in the center's month once stopped (clock-store.ts).
 */
const COUNTED = ["acceptance", "review", "case"] as const satisfies readonly Stage[];
export const COUNTED_STAGES: ReadonlySet<Stage> = new Set(COUNTED);

export const ACCEPTANCE_OUTCOMES = {
  accepted: "accepted",
  acceptedWithDeficiencies: "tolerant",
  correctionRequested: "correction",
  rejected: "rejected",
  deemedAccepted: "deemed",
} as const;

export function caseIndicators(clocks: readonly Clock[], warnings: readonly WarningFact[], days: Days) {
  const stopped = (stage: (typeof COUNTED)[number]) =>
    clocks.filter((c) => c.stage === stage && c.state === "stopped");
  // A case is complete when its result was made available to the applicant (art. 44), not when it was rejected at
  // the window.
  const completed = stopped("case").filter((c) => c.outcome === "completed");
  // On time against the deadline the clock kept when it stopped (computed on the calendar in force then: a year
  // published meanwhile moved it), never late for want of a calendar.
  const onTime = completed.filter((c) => c.dueAt === undefined || c.stoppedAt! <= c.dueAt);
  const decisions = stopped("review").filter((c) => c.outcome === "approved" || c.outcome === "denied");
  const workingDays = decisions.map((c) => elapsed(c, c.stoppedAt!, days) / DAY_MS);
  const acceptance = Object.fromEntries(Object.values(ACCEPTANCE_OUTCOMES).map((o) => [o, 0])) as Record<
    (typeof ACCEPTANCE_OUTCOMES)[keyof typeof ACCEPTANCE_OUTCOMES],
    number
  >;
  for (const c of stopped("acceptance")) {
    const key = ACCEPTANCE_OUTCOMES[c.outcome as keyof typeof ACCEPTANCE_OUTCOMES];
    if (key) acceptance[key]++;
  }
  const decided = Object.values(acceptance).reduce((a, b) => a + b, 0);
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  const byStage: Partial<Record<Stage, Record<Level, number>>> = {};
  for (const w of warnings) {
    byLevel[w.level]++;
    byStage[w.stage] ??= Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
    byStage[w.stage]![w.level]++;
  }
  return {
    cases: {
      completed: completed.length,
      onTime: ratio(onTime.length, completed.length),
      /** Clocks of any stage that went overdue (red) this month; the whole case's alone under `overdueCases`. */
      overdue: byLevel.red,
      overdueCases: byStage.case?.red ?? 0,
    },
    decisions: {
      count: decisions.length,
      averageWorkingDays: workingDays.length
        ? Math.round((workingDays.reduce((a, b) => a + b, 0) / workingDays.length) * 100) / 100
        : null,
    },
    acceptance: { ...acceptance, decided, correctionRate: ratio(acceptance.correction, decided) },
    warnings: {
      byLevel,
      byStage: Object.fromEntries(STAGES.filter((s) => byStage[s]).map((s) => [s, byStage[s]!])),
    },
  };
}

export function serviceIndicators(
  orders: readonly CountedWorkOrder[],
  ratings: Parameters<typeof ratingRates>[0],
  rectifications: Parameters<typeof rectificationRates>[0],
  now: string,
) {
  return {
    ratings: ratingRates(ratings),
    rectifications: rectificationRates(rectifications, now),
    hotline: workOrderRates(orders, now),
  };
}

/** Flatten nested figures into `a.b.c` columns (ratios as their rate), for the CSV. */
export function flatten(value: unknown, prefix = ""): Record<string, string | number | null> {
  if (value === null || typeof value !== "object") return { [prefix]: value as string | number | null };
  const o = value as Record<string, unknown>;
  if ("rate" in o && "numerator" in o && "denominator" in o) return { [prefix]: o.rate as number | null };
  return Object.assign(
    {},
    ...Object.entries(o).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)),
  ) as Record<string, string | number | null>;
}

/**
 * RFC 4180 CSV: one row per scope, the union of columns in first-seen order. A text cell that a spreadsheet would
 * read as a formula (beginning with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe (OWASP,
 * CSV injection); numbers stay numbers.
 */
export function toCsv(rows: readonly Record<string, string | number | null>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return "";
    const s = typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return (
    [columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n"
  );
}
