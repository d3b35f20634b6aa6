import { beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../clients/typescript/index.ts";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { drain, request, stack, tokenFor, type SeedUser } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

/**
 * Issue 16, point 6: a client generated from the contract (openapi-typescript types, openapi-fetch calls — what the
 * web console will use) drives a case from submission to rating. `npm run typecheck` compiles this file under
 * `strict`: a field the contract does not describe would not compile.
 */

let itemId: string;
const tokens = new Map<SeedUser, string>();
const as = (user: SeedUser) => createApiClient(stack.url, () => tokens.get(user));

beforeAll(async () => {
  for (const user of ["applicant", "clerk", "approver"] as const) tokens.set(user, await tokenFor(user));
  const item = await givenItem({ departmentId: seedUsers.approver.departmentId });
  await request("POST", `/v1/items/${item.id}/guides`, {
    as: "admin",
    body: guideInput({
      materials: [{ name: "申请表", required: true }],
      deliveryMethods: ["window", "electronic"],
    }),
  });
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus({ authorization: { listRef: "清单第12项", deciders: ["approver"] } }),
  });
  itemId = item.id;
  await drain();
});

describe("the typed client (issue 16)", () => {
  it("drives a case from submission to rating with the types the contract generates", async () => {
    // Submit online, as the applicant's verified self
    const submitted = await as("applicant").POST("/v1/applications", {
      body: {
        itemId,
        centerId: seeded.haidian,
        channel: "online",
        applicant: demoApplicants.person,
        materials: [{ name: "申请表" }],
        notifications: { channels: ["inbox"] },
      },
    });
    expect(submitted.response.status, JSON.stringify(submitted.error)).toBe(201);
    const id = submitted.data!.id;
    expect(submitted.data!.state).toBe("submitted");
    await drain();
    // Rated only once complete: known from the events (issue 22), the running case is refused
    const early = await as("applicant").POST("/v1/evaluations", {
      body: {
        subject: { kind: "application", applicationId: id },
        level: "satisfied",
        dimensions: { efficiency: "satisfied" },
        channel: "app",
      },
    });
    expect(early.response.status, JSON.stringify(early.error)).toBe(409);

    // Accept at the window
    const accepted = await as("clerk").POST("/v1/applications/{applicationId}/acceptance", {
      params: { path: { applicationId: id } },
      body: { outcome: "accepted" },
    });
    expect(accepted.data!.application.state).toBe("accepted");
    expect(accepted.data!.document.kind).toBe("acceptanceReceipt");
    await drain();

    // Claim and decide
    const claimed = await as("approver").POST("/v1/applications/{applicationId}/review/claim", {
      params: { path: { applicationId: id } },
    });
    expect(claimed.data!.assigneeId).toBe(seedUsers.approver.sub);
    const decided = await as("approver").POST("/v1/applications/{applicationId}/decision", {
      params: { path: { applicationId: id } },
      body: { decision: "approved", reason: "符合法定条件" },
    });
    expect(decided.response.status, JSON.stringify(decided.error)).toBe(200);
    expect(decided.data!.decision?.decision).toBe("approved");
    await drain();

    // The result, electronically; then the rating
    const delivery = await as("applicant").POST("/v1/applications/{applicationId}/delivery", {
      params: { path: { applicationId: id } },
      body: { method: "electronic" },
    });
    expect(delivery.response.status, JSON.stringify(delivery.error)).toBe(200);
    expect(delivery.data!.state).toBe("completed");
    expect(delivery.data!.electronic?.path).toEqual(expect.any(String));
    await drain();
    const rated = await as("applicant").POST("/v1/evaluations", {
      body: {
        subject: { kind: "application", applicationId: id },
        level: "satisfied",
        dimensions: { efficiency: "satisfied", convenience: "satisfied" },
        channel: "app",
      },
    });
    expect(rated.response.status, JSON.stringify(rated.error)).toBe(201);
    expect(rated.data!.rating).toMatchObject({ level: "satisfied", realName: true });
    expect(rated.data!.rectification).toBeUndefined();

    // A problem comes back typed too
    const again = await as("clerk").POST("/v1/applications/{applicationId}/acceptance", {
      params: { path: { applicationId: id } },
      body: { outcome: "accepted" },
    });
    expect(again.response.status).toBe(409);
    expect(again.error?.type).toBe("urn:govservice:problem:invalid-transition");
  });
});
