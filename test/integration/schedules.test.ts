import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { anonymous, db, request, setClock, stack } from "./support/api.ts";

describe("schedules run on virtual time", () => {
  it("warns once a day when deadlines set today reach a year whose schedule is not published", async () => {
    // Arrange: 2026-12-01 (or now, if that has passed): the longest limit of the seeded guides reaches into 2027,
    // which the local seed does not publish
    const now = new Date((await request("GET", "/_local/clock")).body.now);
    const late = new Date("2026-12-01T12:00:00+08:00");
    const twoDays = 2 * 86_400_000;
    const target = late.getTime() > now.getTime() + twoDays ? late : new Date(now.getTime() + twoDays);
    // Act: moving the clock fires the daily schedule; a manual rerun of the same day raises nothing new
    const moved = await setClock(target.toISOString());
    const rerun = await request("POST", "/_local/schedules/catalog-calendar-coverage/run");
    // Assert
    expect(moved.fired).toContainEqual(
      expect.objectContaining({ schedule: "catalog-calendar-coverage", ok: true }),
    );
    expect(moved.fired.every((run) => run.ok)).toBe(true);
    expect(rerun.body.ok).toBe(true);
    const coverage = await anonymous.get("/v1/calendar/coverage");
    // 2027 at least; a later year too when another test file has published a guide with a limit of most of a year
    expect(coverage.body.status).toBe("provisional");
    expect(coverage.body.provisionalYears[0]).toBe(2027);
    expect(coverage.body.years).toContainEqual({ year: 2027, source: "provisional" });
    expect(coverage.body.longestLimitWorkingDays).toBe(coverage.body.longestCommittedLimitDays + 30);
    expect(coverage.body.longestCommittedLimitDays).toBeGreaterThanOrEqual(20);
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: stack.tables.catalog,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": "calendar#coverage" },
      }),
    );
    const today = businessDate(target);
    expect(Items.filter((i) => i.sk === `check#${today}`)).toHaveLength(1);
    expect(
      Items.filter((i) => i.type === "calendar.coverage-low" && i.data.checkedOn === today),
    ).toHaveLength(1);
  });
});
