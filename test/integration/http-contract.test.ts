import { describe, expect, it } from "vitest";
import { demoApplicants } from "#infra/local/seed-data.ts";
import { anonymous, as, drain, request } from "./support/api.ts";
import { givenReviewableItem, submission } from "./support/applications.ts";
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

  it("answers a wrong method on a path that exists with 405 and Allow (issue 16)", async () => {
    const res = await request("DELETE", "/v1/applications");
    const deep = await request("PUT", "/v1/applications/app_01JSEED0000000000000000001/acceptance");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
    expect(res.headers.get("content-type")).toBe(PROBLEM);
    expect(res.body).toMatchObject({
      type: "urn:govservice:problem:method-not-allowed",
      allow: ["GET", "POST"],
    });
    expect(deep.status).toBe(405);
    expect(deep.headers.get("allow")).toBe("POST");
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

  it("serves the same OpenAPI document brotli-compressed to a caller that accepts br, plain to one that does not", async () => {
    const plain = await request("GET", "/v1/openapi.json", {
      headers: { "accept-encoding": "gzip, deflate" },
    });
    const br = await request("GET", "/v1/openapi.json", {
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect([plain.status, br.status]).toEqual([200, 200]);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(br.headers.get("content-encoding")).toBe("br");
    for (const res of [plain, br]) {
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    }
    expect(br.body).toEqual(plain.body);
    expect(plain.body.info.title).toBeTruthy();
  });
});

describe("what answers hold (issue 16)", () => {
  it("never shows the catalog's search copy or intake's projection bookkeeping", async () => {
    // Arrange
    const itemId = await givenReviewableItem();
    await drain();
    // Act
    const item = await anonymous.get(`/v1/items/${itemId}`);
    const list = await anonymous.get(`/v1/items?limit=100`);
    const submitted = await as("clerk").post("/v1/applications", submission(itemId));
    const opened = await as("clerk").get(`/v1/applications/${submitted.body.id}`);
    // Assert
    expect(item.status).toBe(200);
    expect(item.body).not.toHaveProperty("searchText");
    expect(JSON.stringify(list.body)).not.toContain("searchText");
    for (const answer of [submitted.body, opened.body]) {
      expect(answer.guide).not.toHaveProperty("projectedAt");
      expect(answer.guide).not.toHaveProperty("sourceEventId");
    }
  });

  it("masks the applicant's numbers in write answers; the clerk opening the case sees them in full", async () => {
    // Arrange
    const itemId = await givenReviewableItem();
    await drain();
    const person = demoApplicants.person;
    // Act
    const submitted = await as("clerk").post("/v1/applications", {
      ...submission(itemId),
      applicant: person,
    });
    const accepted = await as("clerk").post(`/v1/applications/${submitted.body.id}/acceptance`, {
      outcome: "accepted",
    });
    const opened = await as("clerk").get(`/v1/applications/${submitted.body.id}`);
    const bySupervisor = await as("supervisor").get(`/v1/applications/${submitted.body.id}`);
    // Assert
    expect(submitted.status).toBe(201);
    expect(submitted.body.applicant).toMatchObject({ idNumber: "110105********002X", phone: "139****5678" });
    expect(accepted.body.application.applicant.idNumber).toBe("110105********002X");
    expect(opened.body.applicant).toMatchObject({ idNumber: person.idNumber, phone: person.phone });
    expect(bySupervisor.body.applicant.idNumber).toBe("110105********002X");
  });
});
