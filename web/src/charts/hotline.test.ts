import { describe, expect, it } from "vitest";
import type { components } from "../../../clients/typescript/api.d.ts";
import {
  formatRatio,
  hotlineRateRows,
  hotlineRatesOption,
  hotspotRows,
  rateUnits,
  replyClock,
} from "./hotline.ts";

type Rates = components["schemas"]["SupervisionRates"];
type WorkOrderRates = components["schemas"]["WorkOrderRates"];

const ratio = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});
const orders = (received: number, answered: number): WorkOrderRates => ({
  received,
  byOrigin: {},
  byKind: {},
  response: ratio(answered, received),
  onTimeReply: ratio(answered, received),
  resolution: ratio(answered - 1 > 0 ? answered - 1 : 0, answered),
  satisfaction: ratio(0, 0),
});
const empty = { byItem: [], byWindow: [], byStaff: [] };
const rates = (over: Partial<Rates> = {}): Rates =>
  ({
    centerId: "ctr_1",
    month: "2026-12",
    asOf: "2026-12-04T00:00:00Z",
    workOrders: orders(8, 7),
    byDepartment: [
      { departmentId: "dep_market", workOrders: orders(8, 7) },
      { departmentId: "dep_quiet", workOrders: orders(0, 0) },
    ],
    hotspots: { complaints: empty, badRatings: empty },
    ...over,
  }) as unknown as Rates;

describe("the 12345 desk's rates", () => {
  it("shows each rate with its counts, and nothing counted as a dash", () => {
    expect(formatRatio(ratio(7, 8))).toBe("87.5%（7/8）");
    expect(formatRatio(ratio(0, 0))).toBe("—");
  });

  it("lists the center, then the departments that had work orders, with the API's figures", () => {
    const units = rateUnits(rates(), (id) => (id === "dep_market" ? "市场监管局" : id));
    expect(units.map((u) => u.name)).toEqual(["全中心", "市场监管局"]);
    expect(hotlineRateRows(units)[1]).toEqual({
      name: "市场监管局",
      cells: ["87.5%（7/8）", "87.5%（7/8）", "85.7%（6/7）", "—", 8],
    });
  });

  it("charts the four rates per unit in percent, leaving a gap where nothing was counted", () => {
    const option = hotlineRatesOption(rateUnits(rates(), (id) => id));
    const series = option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => s.name)).toEqual(["响应率", "按时答复率", "解决率", "满意率"]);
    expect(series[0]!.data).toEqual([87.5, 87.5]);
    expect(series[3]!.data).toEqual([null, null]);
  });

  it("ranks hotspots by complaints and 差评 together, naming what they are about", () => {
    const rows = hotspotRows(
      {
        complaints: {
          byItem: [{ key: "itm_a", count: 1 }],
          byWindow: [{ key: "win_1", count: 3 }],
          byStaff: [],
        },
        badRatings: {
          byItem: [{ key: "itm_a", count: 2 }],
          byWindow: [],
          byStaff: [{ key: "stf_9", count: 1 }],
        },
      },
      (kind, key) => `${kind}:${key}`,
    );
    expect(rows).toEqual([
      { name: "事项：item:itm_a", cells: [1, 2] },
      { name: "窗口：window:win_1", cells: [3, 0] },
      { name: "人员：staff:stf_9", cells: [0, 1] },
    ]);
  });
});

describe("a work order's reply clock", () => {
  const order = { receivedAt: "2026-12-01T00:00:00Z", replyDueAt: "2026-12-08T00:00:00Z" };

  it("counts down in days and hours, and hurries in the last quarter of the limit", () => {
    expect(replyClock(order, new Date("2026-12-02T01:30:00Z"))).toEqual({
      text: "剩余 5 天 22 小时",
      tone: "ok",
    });
    expect(replyClock(order, new Date("2026-12-07T01:30:00Z"))).toEqual({
      text: "剩余 22 小时 30 分",
      tone: "soon",
    });
  });

  it("says how far past the deadline an unanswered order is, and whether a reply came in time", () => {
    expect(replyClock(order, new Date("2026-12-08T03:00:00Z"))).toEqual({
      text: "已超时 3 小时 0 分",
      tone: "overdue",
    });
    expect(replyClock({ ...order, repliedAt: "2026-12-07T00:00:00Z" }, new Date())).toEqual({
      text: "按时答复",
      tone: "done",
    });
    expect(replyClock({ ...order, repliedAt: "2026-12-09T00:00:00Z" }, new Date())).toEqual({
      text: "超时答复",
      tone: "late",
    });
  });
});

describe("the ratings desk's figures", () => {
  it("counts each level for the center and the departments rated, with the satisfaction and rectification rates", async () => {
    const { ratingRows, ratingsOption, RATING_COLUMNS } = await import("./ratings.ts");
    const block = (levels: number[], bad: number) => ({
      total: levels.reduce((a, b) => a + b, 0),
      excluded: 0,
      distribution: {
        verySatisfied: levels[0]!,
        satisfied: levels[1]!,
        basicallySatisfied: levels[2]!,
        dissatisfied: levels[3]!,
        veryDissatisfied: levels[4]!,
      },
      satisfaction: ratio(
        levels[0]! + levels[1]! + levels[2]!,
        levels.reduce((a, b) => a + b, 0),
      ),
      bad,
    });
    const rect = { opened: 1, completed: 1, open: 0, cancelled: 0, onTime: ratio(1, 1) };
    const none = { opened: 0, completed: 0, open: 0, cancelled: 0, onTime: ratio(0, 0) };
    const given = rates({
      ratings: block([3, 1, 0, 0, 1], 1),
      rectifications: rect,
      byDepartment: [
        {
          departmentId: "dep_market",
          workOrders: orders(0, 0),
          ratings: block([3, 1, 0, 0, 1], 1),
          rectifications: rect,
        },
        {
          departmentId: "dep_quiet",
          workOrders: orders(1, 1),
          ratings: block([0, 0, 0, 0, 0], 0),
          rectifications: none,
        },
      ],
    } as Partial<Rates>);
    const rows = ratingRows(given, (id) => id);
    expect(rows.map((r) => r.name)).toEqual(["全中心", "dep_market"]);
    expect(rows[0]!.cells).toEqual([3, 1, 0, 0, 1, 5, "80.0%（4/5）", 1, 0, "100.0%（1/1）"]);
    expect(RATING_COLUMNS).toHaveLength(rows[0]!.cells.length);
    const series = ratingsOption(rows).series as { name: string; data: number[] }[];
    expect(series.map((s) => s.data)).toEqual([
      [3, 3],
      [1, 1],
      [0, 0],
      [0, 0],
      [1, 1],
    ]);
  });
});
