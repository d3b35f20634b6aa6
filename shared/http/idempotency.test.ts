import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import type { TransactItem } from "../aws/dynamo.ts";
import { RequestAlreadyRecorded, type RequestRecord, type RequestRecords } from "../aws/request-records.ts";
import {
  IdempotencyInProgressError,
  IdempotencyKeyReuseError,
  ServiceUnavailableError,
  ValidationError,
} from "../errors.ts";
import { idempotencyStep, type Idempotency } from "./idempotency.ts";
import type { HttpContext } from "./middlewares/context.ts";
import { created, toApiResult } from "./responses.ts";

/** The record store in memory, with the table's conditions; `down` makes every call fail as an unreachable table. */
function memoryRecords() {
  const items = new Map<string, RequestRecord>();
  const id = (k: { pk: string; sk: string }) => `${k.pk}|${k.sk}`;
  const calls: string[] = [];
  const state = { down: false };
  const reach = (call: string) => {
    calls.push(call);
    if (state.down) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
  };
  const records: RequestRecords = {
    completedInTransaction: (key, requestHash, response, ttl) => ({
      Put: {
        TableName: "t",
        Item: { ...key, idemStatus: "COMPLETED", requestHash, response, ttl },
        ConditionExpression: "attribute_not_exists(pk) OR #ttl < :now",
        ExpressionAttributeNames: { "#ttl": "ttl" },
        ExpressionAttributeValues: { ":now": 0 },
      },
    }),
    get: async (key) => (reach("get"), items.get(id(key))),
    claim: async (record) => {
      reach("claim");
      const found = items.get(id(record));
      if (found && !(found.idemStatus === "INPROGRESS" && found.inProgressUntil! < Date.now())) return found;
      items.set(id(record), { ...record, idemStatus: "INPROGRESS" });
      return undefined;
    },
    complete: async (key, response) => {
      reach("complete");
      const { inProgressUntil: _u, owner: _o, ...rest } = items.get(id(key))!;
      items.set(id(key), { ...rest, idemStatus: "COMPLETED", response });
    },
    completeIfFree: async (record) => {
      reach("completeIfFree");
      if (items.has(id(record))) return false;
      items.set(id(record), record);
      return true;
    },
    release: async (key, owner) => {
      reach("release");
      const found = items.get(id(key));
      if (found?.idemStatus === "INPROGRESS" && found.owner === owner) items.delete(id(key));
    },
    witnessed: async (record) => (reach("witnessed"), !record.witness || !lost.has(record.witness.pk)),
    forget: async (record) => {
      reach("forget");
      if (items.get(id(record))?.requestHash === record.requestHash) items.delete(id(record));
    },
  };
  /** Witnesses (by pk) that a transaction cut in half did not keep. */
  const lost = new Set<string>();
  /** A transaction of the use case's items: refused when the record's key is taken, as DynamoDB would. */
  const transact = (written: TransactItem[]) => {
    reach("transact");
    const record = written[0]?.Put?.Item as RequestRecord | undefined;
    if (!record) return;
    if (items.has(id(record))) throw new RequestAlreadyRecorded("taken");
    items.set(id(record), record);
  };
  return { records, items, calls, state, transact, lost };
}

const event = (key?: string) =>
  ({ headers: key === undefined ? {} : { "idempotency-key": key } }) as unknown as APIGatewayProxyEventV2;
let invocation = 0;
const context = (body: unknown, sub = "clerk-1") =>
  ({
    input: { body, principal: { sub } },
    awsRequestId: `req-${++invocation}`,
    getRemainingTimeInMillis: () => 10_000,
  }) as unknown as HttpContext;

const answerOf = (id: string) => created({ id }, `/v1/things/${id}`);

describe("the generic step (a record claimed before the handler, completed after)", () => {
  const setup = () => {
    const memory = memoryRecords();
    const step = idempotencyStep(memory.records, "POST /v1/things", false);
    let runs = 0;
    const handler = async () => toApiResult(answerOf(`thing-${++runs}`));
    return { ...memory, step, handler, runs: () => runs };
  };

  it("runs a request without a key as it is, touching no record", async () => {
    const { step, handler, calls } = setup();
    const res = await step(event(), context({ a: 1 }), handler);
    expect(res.statusCode).toBe(201);
    expect(calls).toEqual([]);
  });

  it("refuses a key that is not 1–255 visible ASCII characters with 400, before any record", async () => {
    const { step, handler, calls } = setup();
    for (const key of ["", "x".repeat(256), "with space", "键"]) {
      const error = await step(event(key), context({}), handler).catch((e: unknown) => e);
      expect(error, JSON.stringify(key)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors[0]!.path).toEqual(["header", "Idempotency-Key"]);
    }
    expect(calls).toEqual([]);
  });

  it("replays the first answer to a retry without running the handler again, marked idempotent-replayed", async () => {
    const { step, handler, runs } = setup();
    const first = await step(event("k1"), context({ a: 1 }), handler);
    const retry = await step(event("k1"), context({ a: 1 }), handler);
    expect(runs()).toBe(1);
    expect(retry.body).toBe(first.body);
    expect(retry.headers).toEqual({ ...first.headers, "idempotent-replayed": "true" });
    expect(first.headers?.["idempotent-replayed"]).toBeUndefined();
  });

  it("answers the same key with another request with 422, and another caller's same key is theirs", async () => {
    const { step, handler, runs } = setup();
    await step(event("k1"), context({ a: 1 }), handler);
    await expect(step(event("k1"), context({ a: 2 }), handler)).rejects.toBeInstanceOf(
      IdempotencyKeyReuseError,
    );
    const other = await step(event("k1"), context({ a: 2 }, "clerk-2"), handler);
    expect(other.headers?.["idempotent-replayed"]).toBeUndefined();
    expect(runs()).toBe(2);
  });

  it("tells a retry that arrives while the first runs to retry shortly (409)", async () => {
    const { step } = setup();
    let retry: Promise<unknown> | undefined;
    await step(event("k1"), context({ a: 1 }), async () => {
      retry = step(event("k1"), context({ a: 1 }), async () => toApiResult(answerOf("never")));
      await retry.catch(() => undefined);
      return toApiResult(answerOf("first"));
    });
    await expect(retry).rejects.toBeInstanceOf(IdempotencyInProgressError);
  });

  it("does not remember an error: the key is released and carries the next request", async () => {
    const { step, items } = setup();
    const refused = step(event("k1"), context({ a: 1 }), async () => {
      throw new ValidationError([{ path: ["a"], message: "no" }]);
    });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    expect(items.size).toBe(0);
    const corrected = await step(event("k1"), context({ a: 2 }), async () => toApiResult(answerOf("ok")));
    expect(corrected.statusCode).toBe(201);
  });

  it("answers with the store's own error when the key cannot be claimed, releasing nothing", async () => {
    const { step, handler, state, calls, runs } = setup();
    state.down = true;
    await expect(step(event("k1"), context({ a: 1 }), handler)).rejects.toThrow("ECONNREFUSED");
    expect(calls).toEqual(["claim"]);
    expect(runs()).toBe(0);
  });

  it("still answers when the store goes away after the work, leaving the claim to expire", async () => {
    const { step, state, items } = setup();
    const res = await step(event("k1"), context({ a: 1 }), async () => {
      state.down = true;
      return toApiResult(answerOf("done"));
    });
    expect(res.statusCode).toBe(201);
    expect([...items.values()][0]!.idemStatus).toBe("INPROGRESS");
  });
});

describe("the record in the use case's transaction", () => {
  const setup = () => {
    const memory = memoryRecords();
    const step = idempotencyStep(memory.records, "POST /v1/things", true);
    let runs = 0;
    /** A use case that creates `thing-<n>` and writes the record with it, or refuses what `refuse` says. */
    const handler = (refuse?: () => Error) => async (idempotency: Idempotency, key: string | undefined) => {
      runs++;
      if (refuse) throw refuse();
      const answer = (id: string) => answerOf(id);
      const remember = idempotency.recordOf(answer);
      // ids made from the key: a retry builds the same thing
      const id = key ? `thing-${key}` : `thing-${runs}`;
      memory.transact(remember(id));
      return toApiResult(answer(id));
    };
    return { ...memory, step, handler, runs: () => runs };
  };

  it("writes the record in the transaction, with no request of its own", async () => {
    const { step, handler, calls, items } = setup();
    const res = await step(event("k1"), context({ a: 1 }), handler());
    expect(calls).toEqual(["transact"]);
    expect([...items.values()]).toEqual([
      expect.objectContaining({ idemStatus: "COMPLETED", response: res, ttl: expect.any(Number) }),
    ]);
  });

  it("replays the first answer when the record refuses the retry's transaction", async () => {
    const { step, handler } = setup();
    const first = await step(event("k1"), context({ a: 1 }), handler());
    const retry = await step(event("k1"), context({ a: 1 }), handler());
    expect(retry).toEqual({ ...first, headers: { ...first.headers, "idempotent-replayed": "true" } });
  });

  it("forgets a record whose witness is missing, tells the retry to come again (409), and then runs it", async () => {
    // Arrange: the first transaction kept its record but not what it answers (an emulator stopped in the middle)
    const { step, handler, items, lost, runs } = setup();
    await step(event("k1"), context({ a: 1 }), handler());
    const [record] = [...items.values()];
    items.set(`${record!.pk}|${record!.sk}`, { ...record!, witness: { pk: "thing#1", sk: "thing" } });
    lost.add("thing#1");
    // Act
    const retry = step(event("k1"), context({ a: 1 }), handler());
    // Assert: not replayed; the record is gone, and the next retry writes it all again
    await expect(retry).rejects.toBeInstanceOf(IdempotencyInProgressError);
    expect(items.size).toBe(0);
    const again = await step(event("k1"), context({ a: 1 }), handler());
    expect(again.statusCode).toBe(201);
    expect(again.headers?.["idempotent-replayed"]).toBeUndefined();
    expect(runs()).toBe(3);
  });

  it("answers 422 for another request under the key, even one the use case refuses for its own reasons", async () => {
    const { step, handler } = setup();
    await step(event("k1"), context({ a: 1 }), handler());
    await expect(step(event("k1"), context({ a: 2 }), handler())).rejects.toBeInstanceOf(
      IdempotencyKeyReuseError,
    );
    const refusedOtherwise = step(
      event("k1"),
      context({ a: 3 }),
      handler(() => new ValidationError([{ path: ["channel"], message: "no" }])),
    );
    await expect(refusedOtherwise).rejects.toBeInstanceOf(IdempotencyKeyReuseError);
  });

  it("replays to a retry that a rule now refuses, and lets a refusal stand where the key has no answer", async () => {
    const { step, handler } = setup();
    const refusal = () => new ValidationError([{ path: ["itemId"], message: "excluded now" }]);
    const first = await step(event("k1"), context({ a: 1 }), handler());
    const retry = await step(event("k1"), context({ a: 1 }), handler(refusal));
    expect(retry.body).toBe(first.body);
    await expect(step(event("k2"), context({ a: 1 }), handler(refusal))).rejects.toBeInstanceOf(
      ValidationError,
    );
    // not remembered: the key carries the corrected request
    expect((await step(event("k2"), context({ a: 1 }), handler())).statusCode).toBe(201);
  });

  it("does not read the record for a failure to serve (5xx): the store's error is the answer", async () => {
    const { step, handler, calls } = setup();
    const unavailable = step(
      event("k1"),
      context({ a: 1 }),
      handler(() => new ServiceUnavailableError()),
    );
    await expect(unavailable).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(calls).toEqual([]);
  });

  it("records after the fact if a handler of such a route wrote no record", async () => {
    const { step, calls, items } = setup();
    await step(event("k1"), context({ a: 1 }), async () => toApiResult(answerOf("x")));
    expect(calls).toEqual(["completeIfFree"]);
    expect(items.size).toBe(1);
  });
});
