import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { calendarCoverage } from "#shared/calendar/coverage.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { anonymous, db, request, setClock, stack } from "./support/api.ts";

describe("schedules run on virtual time", () => {
  it("warns once a day when the holiday calendar runs out within the policy window", async () => {
    // Arrange: a moment 30 days before the calendar data ends (or now, if that has passed)
    const now = new Date((await request("GET", "/_local/clock")).body.now);
    const late = new Date(`${calendarCoverage.until.slice(0, 4)}-12-01T12:00:00+08:00`);
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
    expect(coverage.body).toMatchObject({ status: "low", coveredUntil: calendarCoverage.until, minDays: 60 });
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
