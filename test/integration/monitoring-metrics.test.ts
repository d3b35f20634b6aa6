import { beforeAll, describe, expect, it } from "vitest";
import { drain, request } from "./support/api.ts";
import { sendEvent } from "./support/events.ts";
import { seeded } from "./support/seed.ts";
import { SIMULATED_DAY, visitEvents, visits, type Visit } from "../support/simulated-day.ts";

/** The simulated day (test/support/simulated-day.ts); the expected figures below are worked out by hand from it. */
const center = seeded.haidian;
const DAY = SIMULATED_DAY;

async function simulate(v: Visit) {
  const [issued, ...rest] = visitEvents(center, v);
  const sent = await sendEvent("monitoring-events", issued!.type, issued!.data);
  for (const e of rest) await sendEvent("monitoring-events", e.type, e.data);
  return sent;
}

let redelivered: Awaited<ReturnType<typeof sendEvent>>;

beforeAll(async () => {
  const sent = [];
  for (const v of visits) sent.push(await simulate(v));
  await drain();
  // The queue may deliver an event twice: the same envelope again counts nothing.
  redelivered = sent[0]!;
  await sendEvent("monitoring-events", "ticket.issued", redelivered.data, { id: redelivered.id });
  await drain();
});

const metrics = (query: string) => request("GET", `/v1/metrics/centers/${center}?${query}`, { as: "admin" });

describe("queue metrics (art. 13)", () => {
  it("gives each hour's foot traffic, waits, service, service level, no-shows and window load", async () => {
    const res = await metrics(`from=${DAY}&to=${DAY}&by=hour`);
    expect(res.status).toBe(200);
    const [nine, ten] = res.body.rows;
    expect(nine).toEqual({
      period: `${DAY}T09`,
      queue: "application",
      arrivals: 4,
      appointments: 1,
      walkIns: 3,
      appointmentShare: 0.25,
      // Waits 2, 8, 16, 30: mean 14; the median falls in [8, 9), the 90th percentile in [30, 31).
      waiting: { count: 4, meanMinutes: 14, p50Minutes: 9, p90Minutes: 31, maxMinutes: 30 },
      // Under 15 minutes: 2 of 4.
      serviceLevel: 0.5,
      // 10, 12, 14 and 20 minutes at the window.
      service: { count: 4, meanMinutes: 14, p50Minutes: 13, p90Minutes: 21 },
      noShows: 0,
      windows: 2,
      // 56 minutes of service over 2 windows × 60 minutes.
      utilization: 0.4667,
    });
    expect(ten).toMatchObject({
      period: `${DAY}T10`,
      arrivals: 2,
      waiting: { count: 2, meanMinutes: 10, maxMinutes: 15 },
      serviceLevel: 0.5,
      service: { count: 1, meanMinutes: 12 },
      noShows: 1,
      windows: 1,
      utilization: 0.2,
    });
    expect(res.body.total).toMatchObject({ arrivals: 6, noShows: 1, waiting: { count: 6, maxMinutes: 30 } });
  });

  it("sums a day, and takes another target wait on request", async () => {
    const res = await metrics(`from=${DAY}&to=${DAY}&by=day&targetMinutes=20`);
    expect(res.body.rows).toHaveLength(1);
    // Under 20 minutes: 2, 8, 16, 5 and 15 — not 30.
    expect(res.body.rows[0]).toMatchObject({ period: DAY, arrivals: 6, serviceLevel: 0.8333, windows: 2 });
    // 68 minutes of service over 3 window-hours (2 at nine, 1 at ten).
    expect(res.body.rows[0].utilization).toBe(0.3778);
  });

  it("refuses another center's staff, and a range the wrong way round", async () => {
    expect(
      (await request("GET", `/v1/metrics/centers/${center}?from=${DAY}&to=${DAY}`, { as: "cityAdmin" }))
        .status,
    ).toBe(403);
    expect((await metrics(`from=${DAY}&to=2026-05-01`)).status).toBe(400);
  });
});

describe("staffing (Erlang C)", () => {
  it("recommends windows per hour from the observed arrivals and service time, beside the windows that served", async () => {
    const res = await request("GET", `/v1/centers/${center}/staffing?date=${DAY}`, { as: "admin" });
    expect(res.status).toBe(200);
    const nine = res.body.rows.find((r: { hour: number }) => r.hour === 9);
    // λ = 4/h, S = 14 min → a = 0.9333 Erlang. One window: P(wait) = 0.9333, service level 0.13 (< 0.8); two windows:
    // C(2, a) = 0.2969, service level = 1 − 0.2969·e^{−(2−a)·15/14} = 0.9053 — two are enough.
    expect(nine).toMatchObject({
      arrivalsPerHour: 4,
      meanServiceMinutes: 14,
      windowsOpen: 2,
      windowsRecommended: 2,
      difference: 0,
    });
    expect(nine.options.map((o: { windows: number }) => o.windows)).toEqual([1, 2, 3]);
    expect(nine.options[1].serviceLevel).toBeCloseTo(0.9053, 3);
    expect(nine.options[1].expectedWaitMinutes).toBeCloseTo((0.2969 * 14) / (2 - 14 / 15), 1);
  });
});
