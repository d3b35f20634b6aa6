import type { components } from "../../../clients/typescript/api.d.ts";
import type { ChartOption } from "./EChart.vue";

type Metrics = components["schemas"]["CenterMetrics"];
type Staffing = components["schemas"]["Staffing"];

/** One hour of a queue's day, as the dashboard shows it: every figure straight from the API's answers. */
export interface HourRow {
  hour: string;
  arrivals: number;
  p50Minutes: number | null;
  p90Minutes: number | null;
  serviceLevel: number | null;
  utilization: number | null;
  windowsOpen: number | null;
  windowsRecommended: number | null;
}

/**
 * A center's day for one queue, hour by hour (art. 13): arrivals, waits p50/p90, service level and utilization from
 * `GET /v1/metrics/centers/{id}?by=hour`, and the windows that served beside those Erlang C recommends from
 * `GET /v1/centers/{id}/staffing`. Hours either answer names, in order; nothing is computed here but the lookup.
 */
export function centerDayRows(metrics: Metrics, staffing: Staffing | undefined, queue: string): HourRow[] {
  const byHour = new Map<string, HourRow>();
  const row = (hour: string) => {
    let r = byHour.get(hour);
    if (!r) {
      r = {
        hour,
        arrivals: 0,
        p50Minutes: null,
        p90Minutes: null,
        serviceLevel: null,
        utilization: null,
        windowsOpen: null,
        windowsRecommended: null,
      };
      byHour.set(hour, r);
    }
    return r;
  };
  for (const m of metrics.rows.filter((r) => r.queue === queue)) {
    const r = row(m.period.slice(11, 13));
    r.arrivals = m.arrivals;
    r.p50Minutes = m.waiting.p50Minutes;
    r.p90Minutes = m.waiting.p90Minutes;
    r.serviceLevel = m.serviceLevel;
    r.utilization = m.utilization;
  }
  for (const s of staffing?.rows.filter((r) => r.queue === queue) ?? []) {
    const r = row(String(s.hour).padStart(2, "0"));
    r.windowsOpen = s.windowsOpen;
    r.windowsRecommended = s.windowsRecommended;
  }
  return [...byHour.values()].sort((a, b) => a.hour.localeCompare(b.hour));
}

/** The queues that had anyone on the day, busiest first: the one to show first. */
export function queuesOfDay(metrics: Metrics): string[] {
  const totals = new Map<string, number>();
  for (const r of metrics.rows) totals.set(r.queue, (totals.get(r.queue) ?? 0) + r.arrivals);
  return [...totals].sort((a, b) => b[1] - a[1]).map(([q]) => q);
}

const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const base = (rows: HourRow[]): ChartOption => ({
  tooltip: { trigger: "axis" },
  legend: { top: 0 },
  grid: { left: 48, right: 48, top: 36, bottom: 28 },
  xAxis: { type: "category", data: rows.map((r) => `${r.hour}时`) },
});

/** Arrivals per hour (bars). */
export const arrivalsOption = (rows: HourRow[]): ChartOption => ({
  ...base(rows),
  yAxis: { type: "value", name: "人次", minInterval: 1 },
  series: [
    { name: "到达人次", type: "bar", data: rows.map((r) => r.arrivals), itemStyle: { color: "#1d5aa8" } },
  ],
});

/** Waits p50 and p90 (lines, minutes), and the service level against its target (percent, right axis). */
export const waitsOption = (rows: HourRow[]): ChartOption => ({
  ...base(rows),
  yAxis: [
    { type: "value", name: "分钟" },
    { type: "value", name: "%", max: 100 },
  ],
  series: [
    { name: "等候中位数", type: "line", data: rows.map((r) => r.p50Minutes), connectNulls: true },
    { name: "等候90分位", type: "line", data: rows.map((r) => r.p90Minutes), connectNulls: true },
    {
      name: "服务水平",
      type: "bar",
      yAxisIndex: 1,
      data: rows.map((r) => percent(r.serviceLevel)),
      itemStyle: { color: "#8eacd4" },
    },
  ],
});

/** Windows that served beside those recommended (bars), and their utilization (percent, right axis). */
export const windowsOption = (rows: HourRow[]): ChartOption => ({
  ...base(rows),
  yAxis: [
    { type: "value", name: "窗口", minInterval: 1 },
    { type: "value", name: "%", max: 100 },
  ],
  series: [
    { name: "开放窗口", type: "bar", data: rows.map((r) => r.windowsOpen) },
    { name: "建议窗口", type: "bar", data: rows.map((r) => r.windowsRecommended) },
    { name: "窗口利用率", type: "line", yAxisIndex: 1, data: rows.map((r) => percent(r.utilization)) },
  ],
});
