import type { components } from "../../../clients/typescript/api.d.ts";
import type { ChartOption } from "./EChart.vue";
import { formatRatio } from "./hotline.ts";

type Rates = components["schemas"]["SupervisionRates"];
type RatingRates = components["schemas"]["RatingRates"];
type Level = keyof RatingRates["distribution"];

/** The five levels of 好差评 (art. 52(三)), best first, with the colours people expect of them. */
export const LEVELS: readonly { level: Level; name: string; color: string }[] = [
  { level: "verySatisfied", name: "非常满意", color: "#2e7d32" },
  { level: "satisfied", name: "满意", color: "#66a14a" },
  { level: "basicallySatisfied", name: "基本满意", color: "#b08800" },
  { level: "dissatisfied", name: "不满意", color: "#c2410c" },
  { level: "veryDissatisfied", name: "非常不满意", color: "#b91c1c" },
];

/** The ratings of the month per level, for the center and each department rated: one row per unit. */
export function ratingRows(rates: Rates, departmentName: (id: string) => string) {
  const units = [
    { name: "全中心", ratings: rates.ratings, rectifications: rates.rectifications },
    ...rates.byDepartment
      .filter((d) => d.ratings.total > 0 || d.rectifications.opened > 0)
      .map((d) => ({
        name: departmentName(d.departmentId),
        ratings: d.ratings,
        rectifications: d.rectifications,
      })),
  ];
  return units.map((u) => ({
    name: u.name,
    cells: [
      ...LEVELS.map((l) => u.ratings.distribution[l.level]),
      u.ratings.total,
      formatRatio(u.ratings.satisfaction),
      u.ratings.bad,
      u.ratings.excluded,
      formatRatio(u.rectifications.onTime),
    ],
  }));
}
export const RATING_COLUMNS = [
  ...LEVELS.map((l) => l.name),
  "评价总数",
  "满意率",
  "差评",
  "申诉排除",
  "整改按时率",
];

/** The month's ratings per level as stacked bars per unit, in the levels' colours. */
export function ratingsOption(rows: ReturnType<typeof ratingRows>): ChartOption {
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 16, right: 16, top: 36, bottom: 16, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((r) => r.name).reverse() },
    series: LEVELS.map((l, i) => ({
      name: l.name,
      type: "bar" as const,
      stack: "all",
      itemStyle: { color: l.color },
      data: rows.map((r) => Number(r.cells[i])).reverse(),
    })),
  };
}
