import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { as, request } from "./support/api.ts";
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
