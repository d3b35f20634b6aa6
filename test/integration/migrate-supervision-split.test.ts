import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ulid } from "ulid";
import { marshall } from "@aws-sdk/util-dynamodb";
import { matchesFilter } from "#infra/local/poller.ts";
import { createTable } from "#infra/local/resources.ts";
import { eventStreamFilter } from "#shared/events/envelope.ts";
import { seedUsers } from "#infra/local/seed-data.ts";
import { WorkingCalendar } from "#shared/calendar/working-days.ts";
import { clockRecord } from "#services/supervision/monitoring/adapters/clock-store.ts";
import {
  DEFAULT_WARNING_POLICY,
  startClock,
  stopClock,
} from "#services/supervision/monitoring/domain/clock.ts";
import { migrateSupervisionSplit, type SplitTables } from "../../scripts/migrate-supervision-split.ts";
import { as, db, drain, request, stack } from "./support/api.ts";
import { seeded } from "./support/seed.ts";

/**
 * The one-off copy of the split of supervision (issue 22; scripts/migrate-supervision-split.ts), against the local
 * stack's tables: data left in supervision's table by the version before (a table of this file's own, as the deploy
 * leaves it: the stack no longer has one) is served again by the new version, a second run changes nothing, what the
 * new version wrote since the deploy is never overwritten, and no copied event is published again.
 */

let tables: SplitTables;
beforeAll(async () => {
  const raw = new DynamoDBClient({
    endpoint: stack.endpoints.dynamodb,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const supervision = `govservice-supervision-${Date.now()}`;
  await createTable(raw, supervision, []);
  raw.destroy();
  tables = { supervision, complaints: stack.tables.complaints!, monitoring: stack.tables.monitoring! };
  await drain();
});

/**
 * Put items the new version wrote into supervision's table, as the version before kept them; `move` also takes them out
 * of the new table (the new version has not seen them yet).
 */
async function leftBehind(table: string, keys: { pk: string; sk: string }[], { move = true } = {}) {
  for (const key of keys) {
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    expect(Item, JSON.stringify(key)).toBeDefined();
    await db.send(new PutCommand({ TableName: tables.supervision, Item }));
    if (move) await db.send(new DeleteCommand({ TableName: table, Key: key }));
  }
}

const days = { calendar: new WorkingCalendar() };
const unique = () => `app_${ulid()}`;

/** The stack's virtual time, `hours` before now. */
const hoursAgo = async (hours: number) =>
  new Date(
    new Date((await request("GET", "/_local/clock")).body.now as string).getTime() - hours * 3_600_000,
  ).toISOString();

/** A case clock as the version before left it: started ten days ago, running or stopped an hour ago. */
async function givenOldCaseClock(applicationId: string, { stopped = false } = {}) {
  const startedAt = await hoursAgo(240);
  const stoppedAt = stopped ? await hoursAgo(1) : undefined;
  const running = startClock(
    {
      subjectId: applicationId,
      stage: "case",
      centerId: seeded.haidian,
      ownerId: seedUsers.applicant.sub,
      limit: { unit: "workingDays", amount: 20 },
      startedAt,
      policy: DEFAULT_WARNING_POLICY,
    },
    undefined,
    startedAt,
    days,
  );
  const clock = stoppedAt ? stopClock(running, stoppedAt, "completed", days) : running;
  await db.send(new PutCommand({ TableName: tables.supervision, Item: clockRecord(clock, 4) }));
}

const rateCase = (applicationId: string) =>
  as("applicant").post("/v1/evaluations", {
    subject: { kind: "application", applicationId },
    level: "satisfied",
    dimensions: { efficiency: "satisfied" },
    channel: "app",
  });

describe("the migration of the split of supervision (issue 22)", () => {
  it("serves an unresolved matter left in supervision's table again, from complaints'", async () => {
    // Arrange: a matter as the version before kept it — in supervision's table, not in complaints'
    const created = await as("clerk").post("/v1/unresolved-matters", {
      centerId: seeded.haidian,
      channel: "desk",
      applicant: { name: "王小明", phone: "13912345678" },
      request: "开办无人机飞行培训机构",
      obstacle: "窗口找不到对应的许可事项",
      reason: { category: "noMatchingItem", detail: "新业态，事项目录中没有对应事项" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await drain();
    const pk = `matter#${created.body.id}`;
    const partition = async () =>
      (
        await db.send(
          new QueryCommand({
            TableName: tables.complaints,
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: { ":pk": pk },
            ConsistentRead: true,
          }),
        )
      ).Items ?? [];
    const items = await partition();
    expect(items.map((i) => i.entity).sort()).toEqual(["event", "unresolvedMatter"]);
    const before = await as("admin").get(`/v1/unresolved-matters/${created.body.id}`);
    await leftBehind(
      tables.complaints,
      items.map((i) => ({ pk: i.pk as string, sk: i.sk as string })),
    );
    expect((await as("admin").get(`/v1/unresolved-matters/${created.body.id}`)).status).toBe(404);
    // Act
    const result = await migrateSupervisionSplit(db, tables);
    await drain();
    // Assert: served as before, its history included; its event is a copy, never published again
    expect(result.copied.unresolvedMatter).toBeGreaterThanOrEqual(1);
    const copy = (await partition()).find((i) => String(i.sk).startsWith("evt#"))!;
    expect(copy.entity).toBe("copiedEvent");
    expect(
      matchesFilter(eventStreamFilter, { eventName: "INSERT", dynamodb: { NewImage: marshall(copy) } }),
    ).toBe(false);
    const after = await as("admin").get(`/v1/unresolved-matters/${created.body.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
  });

  it("lets a case that ended before the upgrade be rated, and refuses one still running, as before", async () => {
    // Arrange
    const ended = unique();
    const running = unique();
    await givenOldCaseClock(ended, { stopped: true });
    await givenOldCaseClock(running);
    expect((await rateCase(ended)).status).toBe(404);
    // Act
    await migrateSupervisionSplit(db, tables);
    // Assert
    const rated = await rateCase(ended);
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(rated.body.rating).toMatchObject({ centerId: seeded.haidian, level: "satisfied" });
    expect((await rateCase(running)).status).toBe(409);
    // …and the clocks themselves are monitoring's now
    const clock = await db.send(
      new GetCommand({
        TableName: tables.monitoring,
        Key: { pk: `subject#${running}`, sk: "clock#case" },
        ConsistentRead: true,
      }),
    );
    expect(clock.Item).toMatchObject({ entity: "clock", state: "running" });
  });

  it("gives the indicators the facts of a rating made before the upgrade", async () => {
    // Arrange: a rated case whose rating the version before made — no facts projected from its events
    const applicationId = unique();
    await givenOldCaseClock(applicationId, { stopped: true });
    await migrateSupervisionSplit(db, tables);
    const rated = await rateCase(applicationId);
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    await drain();
    await leftBehind(tables.complaints, [{ pk: `rating#${rated.body.rating.id}`, sk: "rating" }], {
      move: false,
    });
    const key = {
      pk: `ratingfacts#${seeded.haidian}#${rated.body.rating.month}`,
      sk: `ratingfact#${rated.body.rating.id}`,
    };
    await db.send(new DeleteCommand({ TableName: tables.monitoring, Key: key }));
    // Act
    const result = await migrateSupervisionSplit(db, tables);
    // Assert
    expect(result.copied.ratingFact).toBeGreaterThanOrEqual(1);
    const { Item } = await db.send(
      new GetCommand({ TableName: tables.monitoring, Key: key, ConsistentRead: true }),
    );
    expect(Item).toMatchObject({
      entity: "ratingFact",
      centerId: seeded.haidian,
      level: "satisfied",
      excluded: false,
    });
  });

  it("gives the indicators the same figures from the facts it writes as from the items", async () => {
    // Arrange: the month's work orders, ratings and rectifications in supervision's table, as the version before kept
    // them, and every fact gone (other files' months included: only this month is compared)
    const month = (await hoursAgo(0)).slice(0, 7);
    const figures = async () =>
      (await as("supervisor").get(`/v1/reports/indicators?centerId=${seeded.haidian}&month=${month}`)).body
        .center;
    const expected = await as("supervisor").get(
      `/v1/supervision/rates?centerId=${seeded.haidian}&month=${month}`,
    );
    const monthOf = async (table: string) =>
      (
        await db.send(
          new QueryCommand({
            TableName: table,
            IndexName: "gsi5",
            KeyConditionExpression: "gsi5pk = :pk",
            ExpressionAttributeValues: { ":pk": `rates#${seeded.haidian}#${month}` },
          }),
        )
      ).Items ?? [];
    const counted = await monthOf(tables.complaints);
    expect(counted.length).toBeGreaterThan(0);
    await leftBehind(
      tables.complaints,
      counted.map((i) => ({ pk: i.pk as string, sk: i.sk as string })),
      { move: false },
    );
    for (const item of (await monthOf(tables.monitoring)).filter((i) => String(i.sk) === "fact"))
      await db.send(new DeleteCommand({ TableName: tables.monitoring, Key: { pk: item.pk, sk: item.sk } }));
    // Act
    await migrateSupervisionSplit(db, tables);
    // Assert
    const after = await figures();
    expect(after.ratings).toEqual(expected.body.ratings);
    expect(after.rectifications).toEqual(expected.body.rectifications);
    expect(after.hotline).toEqual(expected.body.workOrders);
  });

  it("changes nothing when run again, and never overwrites what the new version wrote since", async () => {
    // Arrange: the stop event reached the new version after the deploy; the old clock item still says running
    const applicationId = unique();
    await givenOldCaseClock(applicationId);
    const newer = {
      pk: `served#application#${applicationId}`,
      sk: "served",
      entity: "servedCase",
      applicationId,
      complete: true,
      centerId: seeded.haidian,
      ownerId: seedUsers.applicant.sub,
      servedAt: await hoursAgo(1),
      projectionOrder: `${await hoursAgo(1)}|evt_stop`,
    };
    await db.send(new PutCommand({ TableName: tables.complaints, Item: newer }));
    await migrateSupervisionSplit(db, tables);
    // Act
    const again = await migrateSupervisionSplit(db, tables);
    // Assert
    // (other files may write new staff or clocks meanwhile: only what this file made is counted on)
    expect(again.copied.unresolvedMatter).toBeUndefined();
    expect(again.kept).toBeGreaterThanOrEqual(3);
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tables.complaints,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": newer.pk },
        ConsistentRead: true,
      }),
    );
    expect(Items).toEqual([newer]);
    expect((await rateCase(applicationId)).status).toBe(201);
  });
});
