import { describe, expect, it } from "vitest";
import { durationMs } from "./local-api.ts";
import { matchesFilter } from "./poller.ts";
import { nextFire } from "./schedule-expression.ts";
import { eventStreamFilter } from "#shared/events/envelope.ts";

const anchor = new Date("2026-11-25T00:00:00Z");

describe("local schedule expressions", () => {
  it("fires rates on multiples of the period from the anchor", () => {
    expect(nextFire({ rate: "1 minute" }, new Date("2026-11-25T00:00:30Z"), anchor).toISOString()).toBe(
      "2026-11-25T00:01:00.000Z",
    );
    expect(nextFire({ rate: "1 day" }, new Date("2026-11-27T10:00:00Z"), anchor).toISOString()).toBe(
      "2026-11-28T00:00:00.000Z",
    );
  });

  it("fires EventBridge crons in UTC", () => {
    // 01:00 UTC = 09:00 Beijing, Monday to Friday
    const next = nextFire({ cron: "0 1 ? * MON-FRI *" }, new Date("2026-11-27T02:00:00Z"), anchor);
    expect(next.toISOString()).toBe("2026-11-30T01:00:00.000Z");
    expect(nextFire({ cron: "*/15 * * * ? *" }, new Date("2026-11-25T00:07:00Z"), anchor).toISOString()).toBe(
      "2026-11-25T00:15:00.000Z",
    );
  });

  it("refuses cron features it cannot honour instead of guessing", () => {
    expect(() => nextFire({ cron: "0 1 L * ? *" }, anchor, anchor)).toThrow(/not supported/);
  });
});

describe("local helpers", () => {
  it("reads ISO-8601 durations", () => {
    expect(durationMs("PT2H")).toBe(7_200_000);
    expect(durationMs("P1DT30M")).toBe(88_200_000);
    expect(durationMs("P2W")).toBe(14 * 86_400_000);
    expect(durationMs("2 hours")).toBeNaN();
  });

  it("matches the stream filter exactly as Lambda would", () => {
    const insert = { eventName: "INSERT", dynamodb: { NewImage: { entity: { S: "event" } } } };
    expect(matchesFilter(eventStreamFilter, insert)).toBe(true);
    expect(matchesFilter(eventStreamFilter, { ...insert, eventName: "MODIFY" })).toBe(false);
    expect(
      matchesFilter(eventStreamFilter, {
        eventName: "INSERT",
        dynamodb: { NewImage: { entity: { S: "item" } } },
      }),
    ).toBe(false);
  });
});

describe("stream images", () => {
  it("restores empty maps the streams client returns as {}", async () => {
    const { restoreEmptyMaps } = await import("./stream-poller.ts");
    expect(
      restoreEmptyMaps({ a: {}, b: { M: { c: {} } }, d: { L: [{}, { S: "x" }] }, e: { S: "y" } }),
    ).toEqual({
      a: { M: {} },
      b: { M: { c: { M: {} } } },
      d: { L: [{ M: {} }, { S: "x" }] },
      e: { S: "y" },
    });
  });
});
