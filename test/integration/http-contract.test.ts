import { describe, expect, it } from "vitest";
import { anonymous, as, request } from "./support/api.ts";
import { itemInput } from "./support/factories.ts";

const PROBLEM = "application/problem+json";

describe("the HTTP contract every route shares", () => {
  it("answers GET /v1/health", async () => {
    const res = await anonymous.get("/v1/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("answers an unknown route with a problem+json 404", async () => {
    const res = await anonymous.get("/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe(PROBLEM);
    expect(res.body).toMatchObject({
      type: "urn:govservice:problem:not-found",
      status: 404,
      instance: "/v1/no-such-thing",
    });
  });

  it("answers malformed JSON with 400", async () => {
    const res = await request("POST", "/v1/items", {
      as: "admin",
      rawBody: '{"code": "X',
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe(PROBLEM);
    expect(res.body.type).toBe("urn:govservice:problem:bad-request");
  });

  it("answers a body that fails its schema with 400 naming every failing field", async () => {
    const res = await as("admin").post("/v1/items", { code: "x", name: "", level: "galaxy" });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("urn:govservice:problem:validation-failed");
    const paths = res.body.errors.map((e: { path: unknown[] }) => e.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["code", "name", "departmentId", "level"]));
    expect(paths).toHaveLength(4);
  });

  it("names nested field paths with array indexes", async () => {
    const item = (await as("admin").post("/v1/items", itemInput())).body;
    const res = await as("admin").post(`/v1/items/${item.id}/guides`, {
      conditions: ["c"],
      materials: [
        { name: "申请表", required: true },
        { name: "", required: "yes" },
      ],
      procedure: ["p"],
      statutoryLimitDays: 20,
      committedLimitDays: 25,
      deliveryMethods: ["window"],
    });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { path: unknown[] }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ["materials", 1, "name"],
        ["materials", 1, "required"],
      ]),
    );
  });

  it("refuses a committed limit above the statutory one, naming the field (DOMAIN.md)", async () => {
    const item = (await as("admin").post("/v1/items", itemInput())).body;
    const res = await as("admin").post(`/v1/items/${item.id}/guides`, {
      conditions: ["c"],
      materials: [{ name: "申请表", required: true }],
      procedure: ["p"],
      statutoryLimitDays: 20,
      committedLimitDays: 25,
      deliveryMethods: ["window"],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ["committedLimitDays"] })]);
  });

  it("names invalid path parameters and query values", async () => {
    const res = await anonymous.get("/v1/items/not-an-id?version=zero");
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { path: unknown[] }) => e.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["path.itemId", "query.version"]));
  });

  it("answers a missing token with 401 and a Bearer challenge", async () => {
    const res = await anonymous.post("/v1/items", itemInput());
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(res.body.type).toBe("urn:govservice:problem:unauthenticated");
  });

  it("answers a forged token with 401", async () => {
    const token = await request("POST", "/_local/token", { body: { user: "admin" } });
    const [header, payload] = (token.body.token as string).split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), role: "supervisor" }),
    ).toString("base64url");
    const res = await request("POST", "/v1/items", {
      token: `${header}.${forgedPayload}.AAAA`,
      body: itemInput(),
    });
    expect(res.status).toBe(401);
  });

  it("answers the wrong role with 403", async () => {
    const res = await as("clerk").post("/v1/items", itemInput());
    expect(res.status).toBe(403);
    expect(res.body.type).toBe("urn:govservice:problem:forbidden");
  });

  it("answers a body over 1 MiB with 413", async () => {
    const res = await as("admin").post("/v1/items", { ...itemInput(), name: "x".repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe(PROBLEM);
  });

  it("answers a non-JSON content type with 415", async () => {
    const res = await request("POST", "/v1/items", {
      as: "admin",
      rawBody: "code=x",
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
  });

  it("refuses a duplicate item code with 409 naming the field", async () => {
    const input = itemInput();
    expect((await as("admin").post("/v1/items", input)).status).toBe(201);
    const res = await as("admin").post("/v1/items", { ...input, name: "另一个名称" });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ path: ["code"], message: "already used" }]);
  });

  it("serves the OpenAPI document", async () => {
    const res = await anonymous.get("/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toContain("/v1/items/{itemId}/guides");
  });
});
