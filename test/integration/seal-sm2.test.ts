import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { anonymous, as, db, drain, request, stack, useStack } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { startOwnStack, type OwnStack } from "./support/own-stack.ts";
import { seeded } from "./support/seed.ts";

/**
 * Seals in the national algorithm (issue 23): a stack of its own started with `SEAL_ALGORITHM=SM2DSA`, as a deployment
 * in the China regions would be, whose local keys are SM2 pairs. A receipt sealed by intake and a decision sealed by
 * review verify through their public routes, which say SM2DSA; once altered, neither does.
 */
let own: OwnStack;
let itemId: string;

beforeAll(async () => {
  // The stack's process takes this file's environment; it is put back at once for whatever runs here next.
  const before = process.env.SEAL_ALGORITHM;
  process.env.SEAL_ALGORITHM = "SM2DSA";
  try {
    own = await startOwnStack();
  } finally {
    if (before === undefined) delete process.env.SEAL_ALGORITHM;
    else process.env.SEAL_ALGORITHM = before;
  }
  useStack(own.info);
  // An item of the approver's department, resident (authorized) in Haidian, with one required material.
  const item = await givenItem({ departmentId: seedUsers.approver.departmentId });
  const guide = await as("admin").post(
    `/v1/items/${item.id}/guides`,
    guideInput({ materials: [{ name: "申请表", required: true }] }),
  );
  expect(guide.status, JSON.stringify(guide.body)).toBe(201);
  const resident = residentStatus({ authorization: { listRef: "清单第23项", deciders: ["approver"] } });
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, { as: "admin", body: resident });
  itemId = item.id;
  await drain();
}, 120_000);

afterAll(async () => {
  await own?.stop();
});

/** An application accepted at the window: its receipt, sealed by the center. */
async function accepted() {
  const app = await as("clerk").post("/v1/applications", {
    itemId,
    centerId: seeded.haidian,
    channel: "window",
    applicant: demoApplicants.organisation,
    materials: [{ name: "申请表" }],
  });
  expect(app.status, JSON.stringify(app.body)).toBe(201);
  const decided = await as("clerk").post(`/v1/applications/${app.body.id}/acceptance`, {
    outcome: "accepted",
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  await drain();
  return { applicationId: app.body.id as string, receipt: decided.body.document };
}

const sm2Seal = {
  algorithm: "SM2DSA",
  keyId: expect.stringMatching(/^local:sm2:[0-9a-f]{32}$/),
  sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
  sm3: expect.stringMatching(/^[0-9a-f]{64}$/),
};

describe("documents sealed with SM2 (SEAL_ALGORITHM=SM2DSA)", () => {
  it("a receipt verifies through intake's public route, which says SM2DSA; altered, it does not", async () => {
    // Arrange
    const { applicationId, receipt } = await accepted();
    const path = `/v1/applications/${applicationId}/documents/${receipt.id}/verify`;
    // Act
    const verified = await anonymous.get(path);
    const presented = await anonymous.get(`${path}?sha256=${receipt.seal.sha256}`);
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.intake,
        Key: { pk: `app#${applicationId}`, sk: `doc#${receipt.id}` },
        UpdateExpression: "SET title = :t",
        ExpressionAttributeValues: { ":t": "不予受理决定书" },
      }),
    );
    const altered = await anonymous.get(path);
    // Assert
    expect(receipt.seal).toMatchObject(sm2Seal);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({
      documentId: receipt.id,
      intact: true,
      signatureValid: true,
      valid: true,
      algorithm: "SM2DSA",
      keyId: receipt.seal.keyId,
      sha256: receipt.seal.sha256,
      sm3: receipt.seal.sm3,
    });
    expect(presented.body).toMatchObject({ presentedCopyMatches: true, valid: true });
    expect(altered.status).toBe(200);
    expect(altered.body).toMatchObject({ intact: false, valid: false, algorithm: "SM2DSA" });
    expect(altered.body.sm3).not.toBe(receipt.seal.sm3);
  });

  it("a decision verifies through review's public route, which says SM2DSA; with its recorded digests replaced, it does not", async () => {
    // Arrange: a case accepted, claimed and approved by the department's approver
    const { applicationId } = await accepted();
    const claimed = await as("approver").post(`/v1/applications/${applicationId}/review/claim`, {});
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    const decided = await as("approver").post(`/v1/applications/${applicationId}/decision`, {
      decision: "approved",
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const documentId = decided.body.decision.documentId as string;
    const path = `/v1/documents/${documentId}/verify`;
    // Act: verify; then change the title and put the changed content's digests into the record, as a forger would
    const verified = await anonymous.get(path);
    const document = (await as("approver").get(`/v1/documents/${documentId}`)).body;
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.review,
        Key: { pk: `rdoc#${documentId}`, sk: "doc" },
        UpdateExpression: "SET title = :t",
        ExpressionAttributeValues: { ":t": "不予行政许可决定书" },
      }),
    );
    const changed = (await anonymous.get(path)).body;
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.review,
        Key: { pk: `rdoc#${documentId}`, sk: "doc" },
        UpdateExpression: "SET seal.sha256 = :h, seal.sm3 = :s",
        ExpressionAttributeValues: { ":h": changed.sha256, ":s": changed.sm3 },
      }),
    );
    const forged = await anonymous.get(path);
    // Assert
    expect(document.seal).toMatchObject(sm2Seal);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({
      title: "准予行政许可决定书",
      intact: true,
      signatureValid: true,
      valid: true,
      algorithm: "SM2DSA",
      sm3: document.seal.sm3,
    });
    expect(changed).toMatchObject({ intact: false, signatureValid: true, valid: false });
    expect(forged.body).toMatchObject({
      intact: true,
      signatureValid: false,
      valid: false,
      algorithm: "SM2DSA",
    });
  });
});
