import { DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ulid } from "ulid";
import * as dynamo from "#shared/aws/dynamo.ts";
import { RequestAlreadyRecorded, requestRecordKey, requestRecords } from "#shared/aws/request-records.ts";
import { db, stack } from "./support/api.ts";

/**
 * The write helpers every store uses (shared/aws/dynamo.ts), against DynamoDB Local: one item alone goes as a plain
 * conditional write (half a transaction's units) with the same answers as a transaction — a failed condition names
 * the item, nothing is written.
 */
const TABLE = "govservice-monitoring";

beforeAll(() => {
  // the shared client is made on first use and reads its endpoint from the environment, as in a handler
  process.env.AWS_ENDPOINT_URL_DYNAMODB = stack.endpoints.dynamodb;
  process.env.AWS_REGION = "local";
  process.env.AWS_ACCESS_KEY_ID = "local";
  process.env.AWS_SECRET_ACCESS_KEY = "local";
});

const item = (version: number, extra: Record<string, unknown> = {}) => ({
  pk: `test#${ulid()}`,
  sk: "t",
  entity: "test",
  version,
  ...extra,
});
const stored = async ({ pk, sk }: { pk: string; sk: string }) =>
  (await db.send(new GetCommand({ TableName: TABLE, Key: { pk, sk }, ConsistentRead: true }))).Item;

describe("transactWrite", () => {
  it("writes one item alone with its condition, and names it when the condition fails", async () => {
    // Arrange
    const first = item(1);
    await dynamo.transactWrite([dynamo.putNew(TABLE, first)], () => new Error("unexpected"));
    // Act
    const again = await dynamo
      .transactWrite([dynamo.putNew(TABLE, { ...first, note: "second" })], (i) => new Error(`exists at ${i}`))
      .catch((e: Error) => e);
    const stale = await dynamo
      .transactWrite(
        [dynamo.putVersioned(TABLE, { ...first, version: 3 })],
        (i) => new Error(`stale at ${i}`),
      )
      .catch((e: Error) => e);
    await dynamo.transactWrite([dynamo.putVersioned(TABLE, { ...first, version: 2 })], () => new Error("x"));
    // Assert
    expect(again).toEqual(new Error("exists at 0"));
    expect(stale).toEqual(new Error("stale at 0"));
    expect(await stored(first)).toEqual({ ...first, version: 2 });
  });

  it("writes several items together or none, and names the item whose condition failed", async () => {
    // Arrange
    const existing = item(1);
    await dynamo.transactWrite([dynamo.put(TABLE, existing)], () => new Error("unexpected"));
    const fresh = item(1);
    // Act
    const refused = await dynamo
      .transactWrite([dynamo.put(TABLE, fresh), dynamo.putNew(TABLE, existing)], (i) => new Error(`at ${i}`))
      .catch((e: Error) => e);
    // Assert
    expect(refused).toEqual(new Error("at 1"));
    expect(await stored(fresh)).toBeUndefined();
  });

  it("tells a request's idempotency record refused apart from the other items' conditions, whatever its place", async () => {
    // Arrange: a record the first request wrote with what it created (shared/aws/request-records.ts)
    const records = requestRecords(TABLE);
    const key = requestRecordKey("POST /v1/tests", ulid());
    const response = { statusCode: 201, body: "{}" };
    const ttl = Math.floor(Date.now() / 1000) + 3600;
    const created = item(1);
    await dynamo.transactWrite(
      [dynamo.putNew(TABLE, created), records.completedInTransaction(key, "h1", response, ttl)],
      () => new Error("unexpected"),
    );
    // Act: a retry meets both its own aggregate and the record; another request meets only the record
    const retry = await dynamo
      .transactWrite(
        [dynamo.putNew(TABLE, created), records.completedInTransaction(key, "h1", response, ttl)],
        (i) => new Error(`at ${i}`),
      )
      .catch((e: Error) => e);
    const other = item(1);
    const another = await dynamo
      .transactWrite(
        [dynamo.putNew(TABLE, other), records.completedInTransaction(key, "h2", response, ttl)],
        (i) => new Error(`at ${i}`),
      )
      .catch((e: Error) => e);
    // Assert: the record speaks first, and holds the first request's answer
    expect(retry).toBeInstanceOf(RequestAlreadyRecorded);
    expect(another).toBeInstanceOf(RequestAlreadyRecorded);
    expect(await stored(other)).toBeUndefined();
    expect(await records.get(key)).toMatchObject({ idemStatus: "COMPLETED", requestHash: "h1", response });
  });

  it("names what the record answers, so a replay can find it there — or forget a record left without it", async () => {
    // Arrange: a record written with what it created; then what it created goes (as if the transaction had been cut)
    const records = requestRecords(TABLE);
    const key = requestRecordKey("POST /v1/tests", ulid());
    const created = item(1);
    await dynamo.transactWrite(
      [
        dynamo.putNew(TABLE, created),
        records.completedInTransaction(key, "h1", { statusCode: 201 }, Math.floor(Date.now() / 1000) + 3600),
      ],
      () => new Error("unexpected"),
    );
    const record = (await records.get(key))!;
    const witnessedBefore = await records.witnessed(record);
    await db.send(new DeleteCommand({ TableName: TABLE, Key: { pk: created.pk, sk: created.sk } }));
    // Act
    const witnessedAfter = await records.witnessed(record);
    await records.forget(record);
    // Assert
    expect(record.witness).toEqual({ pk: created.pk, sk: created.sk });
    expect([witnessedBefore, witnessedAfter]).toEqual([true, false]);
    expect(await records.get(key)).toBeUndefined();
  });
});
