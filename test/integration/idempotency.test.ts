import { createHash, randomUUID } from "node:crypto";
import { brotliDecompressSync } from "node:zlib";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { seedUsers } from "#infra/local/seed-data.ts";
import { as, db, request, stack } from "./support/api.ts";
import { givenReviewableItem, intakeRecordsOf, submission } from "./support/applications.ts";
import { seeded } from "./support/seed.ts";
import { itemInput } from "./support/factories.ts";

describe("Idempotency-Key on changing requests", () => {
  it("remembers an answer without a body (204) and replays it (it was a 500 after the delete had happened)", async () => {
    // Arrange
    const close = await as("admin").post(`/v1/centers/${seeded.haidian}/closures`, {
      date: "2026-12-16",
      reason: "设备检修",
    });
    const key = randomUUID();
    const withdraw = () =>
      request("DELETE", `/v1/centers/${seeded.haidian}/closures/2026-12-16`, {
        as: "admin",
        headers: { "idempotency-key": key },
      });
    // Act
    const first = await withdraw();
    const retry = await withdraw();
    const anotherKey = await request("DELETE", `/v1/centers/${seeded.haidian}/closures/2026-12-16`, {
      as: "admin",
      headers: { "idempotency-key": randomUUID() },
    });
    // Assert: withdrawn once; the retry gets the first answer, a new request finds nothing to withdraw
    expect(close.status).toBe(201);
    expect([first.status, retry.status, anotherKey.status]).toEqual([204, 204, 404]);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
  });

  it("returns the first response to a retry with the same key and body, creating one item", async () => {
    // Arrange
    const key = randomUUID();
    const input = itemInput();
    // Act
    const first = await as("admin").post("/v1/items", input, { "idempotency-key": key });
    const retry = await as("admin").post("/v1/items", input, { "idempotency-key": key });
    // Assert
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("location")).toBe(first.headers.get("location"));
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers the same key with a different body with 422", async () => {
    const key = randomUUID();
    await as("admin").post("/v1/items", itemInput(), { "idempotency-key": key });
    const res = await as("admin").post("/v1/items", itemInput(), { "idempotency-key": key });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe("urn:govservice:problem:idempotency-key-reused");
  });

  it("creates exactly one item when many parallel retries carry the same key", async () => {
    const key = randomUUID();
    const input = itemInput();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => as("admin").post("/v1/items", input, { "idempotency-key": key })),
    );
    const created = responses.filter((r) => r.status === 201);
    // Retries that arrive while the first still runs are told to retry (409); none creates a second item.
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
  });

  it("does not remember a refused request: the key can carry the corrected request", async () => {
    // Arrange: a code already taken makes the use case refuse (409)
    const taken = itemInput();
    await as("admin").post("/v1/items", taken);
    const key = randomUUID();
    const refused = await as("admin").post(
      "/v1/items",
      { ...itemInput(), code: taken.code },
      { "idempotency-key": key },
    );
    // Act
    const corrected = await as("admin").post("/v1/items", itemInput(), { "idempotency-key": key });
    // Assert: not 422 — the refusal was not stored under the key
    expect(refused.status).toBe(409);
    expect(corrected.status).toBe(201);
  });

  it("refuses a malformed key with 400", async () => {
    const res = await as("admin").post("/v1/items", itemInput(), { "idempotency-key": "x".repeat(300) });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toEqual(["header", "Idempotency-Key"]);
  });
});

describe("Idempotency-Key on submissions: the record written in the application's own transaction", () => {
  const submit = (body: unknown, key: string) =>
    request("POST", "/v1/applications", { as: "clerk", body, headers: { "idempotency-key": key } });
  /** The key's record in intake's table (keyed by a hash of the caller-scoped key: the key itself is not stored). */
  const recordOf = async (key: string) =>
    (
      await db.send(
        new GetCommand({
          TableName: stack.tables.intake!,
          Key: {
            pk: "idem#POST /v1/applications",
            sk: createHash("sha256").update(`${seedUsers.clerk.sub}:${key}`, "utf8").digest("hex"),
          },
          ConsistentRead: true,
        }),
      )
    ).Item;

  it("stores the answer with the application: a retry gets the same application back, replayed, and one exists", async () => {
    // Arrange
    const itemId = await givenReviewableItem();
    await request("POST", "/_local/drain");
    const key = randomUUID();
    // Act
    const first = await submit(submission(itemId), key);
    const retry = await submit(submission(itemId), key);
    // Assert
    expect(first.status).toBe(201);
    expect([retry.status, retry.body.id, retry.headers.get("location")]).toEqual([
      201,
      first.body.id,
      first.headers.get("location"),
    ]);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const record = await recordOf(key);
    expect(record?.idemStatus).toBe("COMPLETED");
    // An application's answer is kept compressed (shared/aws/request-records.ts): a write costs a unit per started KB
    expect(record?.response).toBeUndefined();
    const json = brotliDecompressSync(record?.responseZ as Uint8Array).toString("utf8");
    expect(JSON.parse(JSON.parse(json).body as string).id).toBe(first.body.id);
    expect((record?.responseZ as Uint8Array).byteLength).toBeLessThan(json.length / 2);
    expect(record?.ttl).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
    const { applications, events } = await intakeRecordsOf(itemId);
    expect(applications.map((a) => a.id)).toEqual([first.body.id]);
    expect(events.filter((e) => e.type === "application.submitted")).toHaveLength(1);
  });

  it("answers another body under the key with 422, even one the use case itself would refuse", async () => {
    // Arrange
    const itemId = await givenReviewableItem();
    await request("POST", "/_local/drain");
    const key = randomUUID();
    const body = submission(itemId);
    const first = await submit(body, key);
    // Act
    const otherApplicant = await submit(
      { ...body, applicant: { ...body.applicant, name: "另一家示例公司" } },
      key,
    );
    const refusedAnyway = await submit({ ...body, channel: "online" }, key);
    // Assert
    expect(first.status).toBe(201);
    expect([otherApplicant.status, refusedAnyway.status]).toEqual([422, 422]);
    expect(otherApplicant.body.type).toBe("urn:govservice:problem:idempotency-key-reused");
    expect((await intakeRecordsOf(itemId)).applications).toHaveLength(1);
  });

  it("creates exactly one application from concurrent requests with the same key, each answered with it", async () => {
    // Arrange
    const itemId = await givenReviewableItem();
    await request("POST", "/_local/drain");
    const key = randomUUID();
    // Act
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit(submission(itemId), key)));
    // Assert: one original; the others replay it, or were told to retry while the first committed (409)
    const originals = answers.filter(
      (a) => a.status === 201 && a.headers.get("idempotent-replayed") === null,
    );
    expect(originals, answers.map((a) => a.status).join(", ")).toHaveLength(1);
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id as string));
    expect(ids).toEqual(new Set([originals[0]!.body.id]));
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    const { applications } = await intakeRecordsOf(itemId);
    expect(applications.map((a) => a.id)).toEqual([originals[0]!.body.id]);
  });

  it("does not remember a refused submission: the key carries the corrected one", async () => {
    // Arrange
    const itemId = await givenReviewableItem();
    await request("POST", "/_local/drain");
    const key = randomUUID();
    const refused = await submit({ ...submission(itemId), itemId: "itm_unknown" }, key);
    const kept = await recordOf(key);
    // Act
    const corrected = await submit(submission(itemId), key);
    // Assert
    expect([refused.status, kept]).toEqual([400, undefined]);
    expect([corrected.status, corrected.headers.get("idempotent-replayed")]).toEqual([201, null]);
  });
});
