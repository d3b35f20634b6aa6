import type { components } from "../../../clients/typescript/api.d.ts";
import type { ChartOption } from "./EChart.vue";

type Rates = components["schemas"]["SupervisionRates"];
type WorkOrderRates = components["schemas"]["WorkOrderRates"];
type Ratio = components["schemas"]["Ratio"];

/** The hotline's four rates (接诉即办 art. 52, docs/rates.md), in the order the city's monthly ranking reads them. */
export const HOTLINE_RATES = [
  { name: "响应率", of: (r: WorkOrderRates) => r.response },
  { name: "按时答复率", of: (r: WorkOrderRates) => r.onTimeReply },
  { name: "解决率", of: (r: WorkOrderRates) => r.resolution },
  { name: "满意率", of: (r: WorkOrderRates) => r.satisfaction },
] as const;

/** A rate as people read it, with its counts: "87.5%（7/8）", or "—" when nothing was counted. */
export const formatRatio = (r: Ratio) =>
  r.rate === null ? "—" : `${(r.rate * 100).toFixed(1)}%（${r.numerator}/${r.denominator}）`;
const pct = (r: Ratio) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);

/** The units the rates are shown for: the center, then each department that had work orders. */
export function rateUnits(rates: Rates, departmentName: (id: string) => string) {
  return [
    { name: "全中心", workOrders: rates.workOrders },
    ...rates.byDepartment
      .filter((d) => d.workOrders.received > 0)
      .map((d) => ({ name: departmentName(d.departmentId), workOrders: d.workOrders })),
  ];
}

/** The chart's figures as a table: one row per unit, one column per rate, then the orders received. */
export function hotlineRateRows(units: ReturnType<typeof rateUnits>) {
  return units.map((u) => ({
    name: u.name,
    cells: [...HOTLINE_RATES.map((r) => formatRatio(r.of(u.workOrders))), u.workOrders.received],
  }));
}

/** The four rates per unit as grouped bars (percent); a rate with nothing counted is a gap, not a zero. */
export function hotlineRatesOption(units: ReturnType<typeof rateUnits>): ChartOption {
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 48, right: 16, top: 36, bottom: 28, containLabel: true },
    xAxis: {
      type: "category",
      data: units.map((u) => u.name),
      axisLabel: { interval: 0, width: 90, overflow: "break" },
    },
    yAxis: { type: "value", name: "%", max: 100 },
    series: HOTLINE_RATES.map((r) => ({
      name: r.name,
      type: "bar" as const,
      data: units.map((u) => pct(r.of(u.workOrders))),
    })),
  };
}

type Hotspot = { key: string; count: number };
/** What the complaints and 差评 are about (hotspots): the counts by item, window and staff member, largest first. */
export function hotspotRows(
  hotspots: Rates["hotspots"],
  names: (kind: "item" | "window" | "staff", key: string) => string,
) {
  const rows: { name: string; cells: (string | number)[] }[] = [];
  const add = (kind: "item" | "window" | "staff", label: string, complaints: Hotspot[], bad: Hotspot[]) => {
    const keys = [...new Set([...complaints, ...bad].map((h) => h.key))];
    const count = (list: Hotspot[], key: string) => list.find((h) => h.key === key)?.count ?? 0;
    for (const key of keys)
      rows.push({ name: `${label}：${names(kind, key)}`, cells: [count(complaints, key), count(bad, key)] });
  };
  add("item", "事项", hotspots.complaints.byItem, hotspots.badRatings.byItem);
  add("window", "窗口", hotspots.complaints.byWindow, hotspots.badRatings.byWindow);
  add("staff", "人员", hotspots.complaints.byStaff, hotspots.badRatings.byStaff);
  const weight = (r: (typeof rows)[number]) => Number(r.cells[0]) + Number(r.cells[1]);
  return rows.sort((a, b) => weight(b) - weight(a));
}

/** The hotspots as horizontal stacked bars (complaints and 差评), the largest on top. */
export function hotspotsOption(rows: ReturnType<typeof hotspotRows>): ChartOption {
  const top = rows.slice(0, 10).reverse();
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 16, right: 16, top: 36, bottom: 16, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: top.map((r) => r.name) },
    series: [
      { name: "投诉", type: "bar", stack: "all", data: top.map((r) => Number(r.cells[0])) },
      { name: "差评", type: "bar", stack: "all", data: top.map((r) => Number(r.cells[1])) },
    ],
  };
}

/**
 * A work order's reply clock as the desk shows it: the time left to the reply deadline (or how far past it); a replied
 * order shows whether it was answered in time.
 */
export function replyClock(
  order: { receivedAt: string; replyDueAt: string; repliedAt?: string },
  now: Date,
  /** What ends the clock, as the tag says it (答复 for a work order, 整改 for a rectification). */
  verb = "答复",
): { text: string; tone: "ok" | "soon" | "overdue" | "done" | "late" } {
  const due = Date.parse(order.replyDueAt);
  if (order.repliedAt)
    return Date.parse(order.repliedAt) <= due
      ? { text: `按时${verb}`, tone: "done" }
      : { text: `超时${verb}`, tone: "late" };
  const left = due - now.getTime();
  const span = (ms: number) => {
    const hours = Math.floor(Math.abs(ms) / 3_600_000);
    const minutes = Math.floor((Math.abs(ms) % 3_600_000) / 60_000);
    return hours >= 48 ? `${Math.floor(hours / 24)} 天 ${hours % 24} 小时` : `${hours} 小时 ${minutes} 分`;
  };
  if (left < 0) return { text: `已超时 ${span(left)}`, tone: "overdue" };
  // The last quarter of the limit is when a handler must hurry (the warnings' yellow tier, DOMAIN.md)
  const limit = due - Date.parse(order.receivedAt);
  return { text: `剩余 ${span(left)}`, tone: left < limit / 4 ? "soon" : "ok" };
}

/** The tag colour of each state of a reply clock. */
export const REPLY_CLOCK_TAG = {
  ok: "success",
  soon: "warning",
  overdue: "danger",
  done: "info",
  late: "danger",
} as const;
