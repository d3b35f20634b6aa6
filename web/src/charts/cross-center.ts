import type { components } from "../../../clients/typescript/api.d.ts";
import type { ChartOption } from "./EChart.vue";

type Cross = components["schemas"]["CrossCenterWarnings"];

const LEVELS = [
  { key: "red", name: "红色预警", color: "#c62828" },
  { key: "yellow", name: "黄色预警", color: "#b7791f" },
  { key: "reminder", name: "提醒", color: "#607d8b" },
] as const;
export const LEVEL_COLUMNS = [...LEVELS.map((l) => l.name), "合计"];

/** Each center's open warnings by level (the API's order: most reds first), as the table under the chart. */
export const centerRows = (centers: Cross["centers"]) =>
  centers.map((c) => ({ name: c.name, cells: [c.red, c.yellow, c.reminder, c.red + c.yellow + c.reminder] }));

/** The centers with warnings as stacked horizontal bars, red first — at most `top`, the most urgent on top. */
export function centersOption(centers: Cross["centers"], top = 15): ChartOption {
  const shown = centers
    .filter((c) => c.red + c.yellow + c.reminder > 0)
    .slice(0, top)
    .reverse();
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 16, right: 16, top: 36, bottom: 16, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: {
      type: "category",
      data: shown.map((c) => c.name),
      axisLabel: { width: 160, overflow: "truncate" },
    },
    series: LEVELS.map((l) => ({
      name: l.name,
      type: "bar" as const,
      stack: "all",
      itemStyle: { color: l.color },
      data: shown.map((c) => c[l.key]),
    })),
  };
}
