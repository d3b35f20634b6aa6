import { describe, expect, it } from "vitest";
import { centerRows, centersOption, LEVEL_COLUMNS } from "./cross-center.ts";

const center = (name: string, red: number, yellow: number, reminder: number) => ({
  centerId: `ctr_${name}`,
  name,
  red,
  yellow,
  reminder,
});

describe("the warnings across centers", () => {
  it("tables every center in the API's order with its total", () => {
    const rows = centerRows([center("海淀", 2, 1, 0), center("中关村", 0, 0, 0)]);
    expect(rows).toEqual([
      { name: "海淀", cells: [2, 1, 0, 3] },
      { name: "中关村", cells: [0, 0, 0, 0] },
    ]);
    expect(LEVEL_COLUMNS).toHaveLength(rows[0]!.cells.length);
  });

  it("charts only the centers with warnings, the most urgent on top, at most `top` of them", () => {
    const option = centersOption([center("甲", 3, 0, 0), center("乙", 1, 2, 0), center("丙", 0, 0, 0)], 5);
    expect((option.yAxis as { data: string[] }).data).toEqual(["乙", "甲"]);
    const series = option.series as { name: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ["红色预警", [1, 3]],
      ["黄色预警", [2, 0]],
      ["提醒", [0, 0]],
    ]);
  });
});
