import type { components } from "../../../clients/typescript/api.d.ts";
import type { ChartOption } from "./EChart.vue";

type Report = components["schemas"]["MonthlyIndicators"];
/** What the center and each department both have; appointments are counted for the center only. */
export type Figures = Omit<Report["departments"][number], "departmentId"> &
  Partial<Pick<Report["center"], "appointments">>;

/** One indicator of the month (art. 54), read from the API's report: a count, or a rate with its counts. */
export interface Indicator {
  name: string;
  kind: "count" | "rate" | "days";
  of: (f: Figures) => number | null;
}

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** The indicators the monthly page puts side by side, month against month, in the order supervisors read them. */
export const INDICATORS: readonly Indicator[] = [
  { name: "办结件数", kind: "count", of: (f) => f.cases.completed },
  { name: "按时办结率", kind: "rate", of: (f) => f.cases.onTime.rate },
  { name: "超期件数", kind: "count", of: (f) => f.cases.overdue },
  { name: "平均审批用时（工作日）", kind: "days", of: (f) => f.decisions.averageWorkingDays },
  { name: "受理件数", kind: "count", of: (f) => f.acceptance.accepted + f.acceptance.tolerant },
  { name: "补正率", kind: "rate", of: (f) => f.acceptance.correctionRate.rate },
  { name: "不予受理件数", kind: "count", of: (f) => f.acceptance.rejected },
  { name: "预警次数", kind: "count", of: (f) => total(f.warnings.byLevel as Record<string, number>) },
  { name: "预约未到率", kind: "rate", of: (f) => f.appointments?.noShowRate ?? null },
  { name: "满意率", kind: "rate", of: (f) => f.ratings.satisfaction.rate },
  { name: "差评件数", kind: "count", of: (f) => f.ratings.bad },
];

export const formatIndicator = (i: Indicator, v: number | null) =>
  v === null
    ? "—"
    : i.kind === "rate"
      ? `${(v * 100).toFixed(1)}%`
      : i.kind === "days"
        ? v.toFixed(1)
        : String(v);

/** The rates of two months as grouped bars (percent): what changed at a glance; the table under it has every figure. */
export function ratesOption(previous: Figures, current: Figures, months: [string, string]): ChartOption {
  const rates = INDICATORS.filter((i) => i.kind === "rate");
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28, containLabel: true },
    // every rate named, wrapped on a phone rather than skipped
    xAxis: {
      type: "category",
      data: rates.map((i) => i.name),
      axisLabel: { interval: 0, width: 64, overflow: "break" },
    },
    yAxis: { type: "value", name: "%", max: 100 },
    series: [
      {
        name: months[0],
        type: "bar",
        data: rates.map((i) => pct(i.of(previous))),
        itemStyle: { color: "#8eacd4" },
      },
      {
        name: months[1],
        type: "bar",
        data: rates.map((i) => pct(i.of(current))),
        itemStyle: { color: "#1d5aa8" },
      },
    ],
  };
}

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}
