import { beforeAll, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { residentIdCheck } from "#shared/identity.ts";
import { as, drain, newApplicant, request } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

/**
 * Issue 15, point 1: online applications are bound to the signed-in person's verified identity (实名认证); e-licenses
 * are looked up only for it; acting for someone else (代办) goes through an authorisation recorded at a window.
 */

const person = demoApplicants.person; // holds a 居民身份证 and a 户口簿 e-license in the local registry
const stranger = { idNumber: "110108198707054175", name: "赵敏" };
let itemId: string;
let otherItemId: string;

/** A person of this test's own (other files name agents too, and `GET /v1/me/authorisations` lists all of theirs). */
let people = 0;
function uniquePerson(name = "孙丽") {
  const first17 = `11010819${String(70 + (people % 30)).padStart(2, "0")}0101${String((Date.now() + people++) % 1000).padStart(3, "0")}`;
  return { idNumber: first17 + residentIdCheck(first17), name };
}

/** An item resident at the Haidian center whose guide takes the household register as an e-license. */
async function residentItem() {
  const item = await givenItem();
  await as("admin").post(
    `/v1/items/${item.id}/guides`,
    guideInput({
      materials: [
        { name: "申请表", required: true },
        { name: "户口簿", required: true, form: "copy", eLicenseType: "户口簿" },
      ],
    }),
  );
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus(),
  });
  return item.id;
}

beforeAll(async () => {
  itemId = await residentItem();
  otherItemId = await residentItem();
  await drain();
});

const online = (applicant: object, extra: object = {}) => ({
  itemId,
  centerId: seeded.haidian,
  channel: "online",
  applicant,
  materials: [{ name: "申请表" }],
  notifications: { channels: ["inbox"] },
  ...extra,
});

/** The Beijing date `days` after the stack's virtual today. */
async function daysOn(days: number) {
  const now = Date.parse((await request("GET", "/_local/clock")).body.now as string);
  return new Date(now + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The clerk records that `agent` may act for the demo person, from the power of attorney shown at the window. */
async function givenAuthorisation(agent: { idNumber: string; name: string }, itemIds = [itemId]) {
  const res = await as("clerk").post("/v1/authorisations", {
    centerId: seeded.haidian,
    grantor: { kind: "person", name: person.name, idNumber: person.idNumber },
    agent,
    itemIds,
    validUntil: await daysOn(30),
    document: { kind: "power-of-attorney", reference: "委托书 2026-0042" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

describe("applying online as one's verified identity (issue 15)", () => {
  it("refuses a stranger's ID number, and shows none of that person's e-licenses", async () => {
    // Arrange: an account verified as someone else
    const account = await newApplicant(stranger);
    // Act
    const res = await account.post("/v1/applications", online(person));
    // Assert
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ rule: "not-your-identity" });
    expect(JSON.stringify(res.body)).not.toMatch(/京海户字|110105/);
  });

  it("takes an application under the account's own identity, its e-licenses counted as provided", async () => {
    // Arrange
    const account = await newApplicant();
    // Act
    const res = await account.post("/v1/applications", online(person));
    // Assert
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.materials).toContainEqual(
      expect.objectContaining({
        name: "户口簿",
        status: "eLicense",
        eLicense: expect.objectContaining({ number: "京海户字第110108000001号" }),
      }),
    );
    expect(res.body.ownerId).toBe(account.sub);
  });

  it("refuses an account without real-name verification, and a name other than the verified one", async () => {
    // Arrange
    const unverified = (
      await request("POST", "/_local/token", { body: { role: "applicant", sub: "usr_identity_unverified" } })
    ).body.token as string;
    const account = await newApplicant();
    // Act
    const anonymousOwn = await request("POST", "/v1/applications", {
      token: unverified,
      body: online(person),
    });
    const renamed = await account.post(
      "/v1/applications",
      online({ ...person, name: "【退税通知】请登录领取" }),
    );
    // Assert
    expect(anonymousOwn.status).toBe(403);
    expect(anonymousOwn.body).toMatchObject({ rule: "identity-not-verified" });
    expect(renamed.status).toBe(400);
    expect(renamed.body.errors).toEqual([expect.objectContaining({ path: ["applicant", "name"] })]);
  });

  it("takes an organisation's application only from an account verified for it", async () => {
    // Arrange
    const forCompany = await newApplicant(stranger, [demoApplicants.organisation.creditCode]);
    const notForCompany = await newApplicant(stranger);
    // Act
    const own = await forCompany.post("/v1/applications", online(demoApplicants.organisation));
    const foreign = await notForCompany.post("/v1/applications", online(demoApplicants.organisation));
    // Assert
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(foreign.status).toBe(403);
  });

  it("binds bundles too", async () => {
    const account = await newApplicant(stranger);
    const res = await account.post("/v1/applications/bundles", {
      centerId: seeded.haidian,
      channel: "online",
      applicant: person,
      notifications: { channels: ["inbox"] },
      items: [{ itemId }, { itemId: otherItemId }],
    });
    expect(res.status).toBe(403);
  });
});

describe("acting for another (代办) under an authorisation recorded at a window (issue 15)", () => {
  it("lets the named agent apply for the grantor, for the items covered, with the grantor's e-licenses", async () => {
    // Arrange
    const agentIdentity = uniquePerson();
    const agent = await newApplicant(agentIdentity);
    const authorisation = await givenAuthorisation(agentIdentity);
    // Act
    const mine = await agent.get("/v1/me/authorisations");
    const applied = await agent.post(
      "/v1/applications",
      online(person, { actingFor: { authorisationId: authorisation.id } }),
    );
    const uncovered = await agent.post(
      "/v1/applications",
      online(person, { itemId: otherItemId, actingFor: { authorisationId: authorisation.id } }),
    );
    // Assert
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        id: authorisation.id,
        grantor: expect.objectContaining({ name: person.name, idNumber: "110105********002X" }),
      }),
    ]);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({
      ownerId: agent.sub,
      actingFor: { authorisationId: authorisation.id, agentName: agentIdentity.name },
    });
    expect(applied.body.materials).toContainEqual(
      expect.objectContaining({ name: "户口簿", status: "eLicense" }),
    );
    expect(uncovered.status).toBe(403);
    expect(uncovered.body).toMatchObject({ rule: "not-authorised" });
  });

  it("lets nobody but the named agent use an authorisation", async () => {
    const authorisation = await givenAuthorisation(stranger);
    const someoneElse = await newApplicant({ idNumber: "110101199003074514", name: "钱多多" });
    const res = await someoneElse.post(
      "/v1/applications",
      online(person, { actingFor: { authorisationId: authorisation.id } }),
    );
    const read = await someoneElse.get(`/v1/authorisations/${authorisation.id}`);
    expect(res.status).toBe(403);
    expect(read.status).toBe(403);
  });

  it("ends when the grantor revokes it online", async () => {
    // Arrange
    const agent = await newApplicant(stranger);
    const grantor = await newApplicant(); // verified as the demo person
    const authorisation = await givenAuthorisation(stranger);
    // Act
    const byAgent = await agent.post(`/v1/authorisations/${authorisation.id}/revocation`, {});
    const revoked = await grantor.post(`/v1/authorisations/${authorisation.id}/revocation`, {});
    const after = await agent.post(
      "/v1/applications",
      online(person, { actingFor: { authorisationId: authorisation.id } }),
    );
    // Assert
    expect(byAgent.status).toBe(403);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect(after.status).toBe(403);
    expect(after.body.detail).toContain("revoked");
  });

  it("is recorded by a clerk of the center, for a year at most, never naming the grantor as agent", async () => {
    const body = {
      centerId: seeded.haidian,
      grantor: { kind: "person", name: person.name, idNumber: person.idNumber },
      agent: stranger,
      validUntil: await daysOn(365),
      document: { kind: "notarised-power-of-attorney", reference: "(2026)京海证字第1号" },
    };
    const tooLong = await as("clerk").post("/v1/authorisations", { ...body, validUntil: await daysOn(400) });
    const self = await as("clerk").post("/v1/authorisations", {
      ...body,
      agent: { name: person.name, idNumber: person.idNumber },
    });
    const elsewhere = await as("subdistrictClerk").post("/v1/authorisations", body);
    const byApplicant = await as("applicant").post("/v1/authorisations", body);
    const ok = await as("clerk").post("/v1/authorisations", body);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: ["validUntil"] })]);
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual([expect.objectContaining({ path: ["agent", "idNumber"] })]);
    expect(elsewhere.status).toBe(403);
    expect(byApplicant.status).toBe(403);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ recordedBy: seedUsers.clerk.sub, version: 1 });
  });

  it("can be named at a window by the clerk, for the grantor's application", async () => {
    const authorisation = await givenAuthorisation(stranger);
    const res = await as("clerk").post("/v1/applications", {
      itemId,
      centerId: seeded.haidian,
      channel: "window",
      applicant: person,
      materials: [{ name: "申请表", provided: "paper" }],
      actingFor: { authorisationId: authorisation.id },
    });
    const wrongGrantor = await as("clerk").post("/v1/applications", {
      itemId,
      centerId: seeded.haidian,
      channel: "window",
      applicant: { kind: "person", ...stranger },
      materials: [{ name: "申请表", provided: "paper" }],
      actingFor: { authorisationId: authorisation.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.actingFor).toEqual({ authorisationId: authorisation.id, agentName: stranger.name });
    expect(wrongGrantor.status).toBe(400);
  });
});
