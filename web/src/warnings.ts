import { api } from "./api/client.ts";
import { serverToday } from "./clock.ts";
import { bjDate, workingDaysLeft } from "./format.ts";

/** The tiered warnings of art. 21 as the lists show them: the worst open one of a case colours its row. */
export type WarningLevel = "reminder" | "yellow" | "red";
const RANK: Record<WarningLevel, number> = { reminder: 1, yellow: 2, red: 3 };

export const worstLevel = (levels: readonly WarningLevel[]): WarningLevel | undefined =>
  [...levels].sort((a, b) => RANK[b] - RANK[a])[0];

/** Stages whose subject is an application: their clock is the case's (the others: work orders, rectifications). */
export const CASE_STAGES: ReadonlySet<string> = new Set([
  "acceptance",
  "review",
  "procedure",
  "cure",
  "delivery",
  "case",
]);

/** The row's class for a level (`level-red`, styled in layout.css), none without a warning. */
export const levelRowClass = (level: WarningLevel | undefined) => (level ? `level-${level}` : "");

/**
 * Working days left to each due instant (negative: days overdue), counted in the center's own working days — one
 * `/v1/calendar/workdays` call spanning today and every due date.
 */
export async function daysLeftOf(
  dues: Readonly<Record<string, string | undefined>>,
  centerId: string,
): Promise<Record<string, number>> {
  const today = await serverToday();
  const dated = Object.entries(dues).flatMap(([id, at]) => (at ? [[id, bjDate(at)] as const] : []));
  if (!dated.length) return {};
  const days = [today, ...dated.map(([, d]) => d)].sort();
  const { data } = await api.GET("/v1/calendar/workdays", {
    params: { query: { from: days[0]!, to: days.at(-1)!, centerId } },
  });
  const workdays = data?.workdays ?? [];
  return Object.fromEntries(dated.map(([id, due]) => [id, workingDaysLeft(today, due, workdays)]));
}
