import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import {
  advanceClock,
  anonymous,
  as,
  db,
  drain,
  forgetTokens,
  newApplicant,
  request,
  sqs,
  stack,
  type SeedUser,
} from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

/** An item of the approver's department, decided in the Haidian center, whose guide offers `deliveryMethods`. */
async function itemOffering(deliveryMethods: ("window" | "electronic" | "locker" | "mail")[]) {
  const item = await givenItem({ departmentId: seedUsers.approver.departmentId });
  await as("admin").post(`/v1/items/${item.id}/guides`, guideInput({ deliveryMethods }));
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus({
      authorization: {
        listRef: "海淀区授权审批事项清单（2026版）第101项",
        deciders: ["approver", "chiefRep"],
      },
    }),
  });
  return item;
}

let every: { id: string; name: string };
let windowOrElectronic: { id: string; name: string };

beforeAll(async () => {
  every = await itemOffering(["window", "electronic", "locker", "mail"]);
  windowOrElectronic = await itemOffering(["window", "electronic"]);
  await drain();
});

/**
 * A case decided the real way: submitted online by the seeded applicant (who owns it), accepted by the clerk, decided
 * by the resident approver — then the decision flows to delivery.
 */
async function decidedCase(itemId = every.id, decision: "approved" | "denied" = "approved") {
  const submitted = await as("applicant").post("/v1/applications", {
    itemId,
    centerId: seeded.haidian,
    channel: "online",
    applicant: demoApplicants.person,
    materials: [{ name: "申请表" }],
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const id = submitted.body.id as string;
  const accepted = await as("clerk").post(`/v1/applications/${id}/acceptance`, { outcome: "accepted" });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  await drain();
  const claimed = await as("approver").post(`/v1/applications/${id}/review/claim`, {});
  expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
  const decided = await as("approver").post(`/v1/applications/${id}/decision`, {
    decision,
    reason: decision === "approved" ? "符合法定条件" : "不符合法定条件",
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  await drain();
  return id;
}

/** The applicant's inbox notifications about a case, oldest first. */
const notificationsOf = async (id: string) =>
  (
    (await as("applicant").get(`/v1/applications/${id}/notifications?limit=100`)).body.items as {
      templateKey: string;
      channel: string;
      body: string;
      createdAt: string;
    }[]
  )
    .filter((n) => n.channel === "inbox")
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

const path = (id: string, action = "") => `/v1/applications/${id}/delivery${action}`;
const choose = (id: string, body: unknown, who: SeedUser = "applicant") => as(who).post(path(id), body);
const deliveryOf = async (id: string, who: SeedUser = "applicant") => (await as(who).get(path(id))).body;
const types = (delivery: { history: { type: string }[] }) => delivery.history.map((h) => h.type);
const readyOf = (delivery: { history: { type: string; data: Record<string, string> }[] }) =>
  delivery.history.filter((h) => h.type === "delivery.ready").at(-1)!.data;

/** The event items in the delivery's partition, as stored (the outbox). */
async function storedEvents(applicationId: string) {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: stack.tables.delivery,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
      ExpressionAttributeValues: { ":pk": `result#${applicationId}`, ":evt": "evt#" },
    }),
  );
  return Items;
}

const address = {
  recipient: "王小明",
  phone: "13912345678",
  province: "北京市",
  city: "北京市",
  district: "海淀区",
  street: "中关村大街27号1号楼101室",
  postcode: "100080",
};

describe("opening the delivery on the decision (art. 32, 36)", () => {
  it("opens awaiting the applicant's choice, with the sealed decision, the guide's methods and the e-license", async () => {
    // Act
    const id = await decidedCase();
    // Assert
    const delivery = await deliveryOf(id);
    expect(delivery).toMatchObject({
      applicationId: id,
      centerId: seeded.haidian,
      decision: "approved",
      state: "awaitingChoice",
      offeredMethods: ["window", "electronic", "locker", "mail"],
      document: { title: "准予行政许可决定书", sealName: expect.stringContaining("行政审批专用章") },
      eLicense: {
        licenseType: every.name,
        number: expect.stringMatching(/^BJEL-\d{4}-\d{8}$/),
        holder: "110105********002X",
        applicationId: id,
        itemId: every.id,
      },
    });
    expect(delivery.document.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(types(delivery)).toEqual(["delivery.opened", "e-license.issued"]);
    // The e-license event names the holder in full: intake reuses the license for that holder.
    const issued = (await storedEvents(id)).find((e) => e.type === "e-license.issued")!;
    expect(issued.data).toMatchObject({ holder: demoApplicants.person.idNumber, licenseType: every.name });
    const verified = await anonymous.get(
      `/v1/documents/${delivery.document.id}/verify?sha256=${delivery.document.sha256}`,
    );
    expect(verified.body).toMatchObject({ valid: true, presentedCopyMatches: true });
  });

  it("opens a denial for delivery too, without an e-license", async () => {
    const id = await decidedCase(every.id, "denied");
    const delivery = await deliveryOf(id);
    expect(delivery).toMatchObject({ decision: "denied", state: "awaitingChoice" });
    expect(delivery.document.title).not.toBe("准予行政许可决定书");
    expect(delivery.eLicense).toBeUndefined();
    expect(types(delivery)).toEqual(["delivery.opened"]);
  });

  it("opens nothing twice and issues no second license when the decision is delivered again", async () => {
    // Arrange: the decision event as review stored it
    const id = await decidedCase();
    const before = await deliveryOf(id);
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: stack.tables.review,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
        ExpressionAttributeValues: { ":pk": `task#${id}`, ":evt": "evt#" },
      }),
    );
    const { pk: _pk, sk: _sk, entity: _entity, ...decided } = Items.find((i) => i.type === "review.decided")!;
    // Act: the same message again, and the same decision under a new event id (past the consumer's dedup by id)
    for (const envelope of [decided, { ...decided, id: `evt_${ulid()}` }]) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.queues["delivery-events"]!,
          MessageBody: JSON.stringify(envelope),
        }),
      );
    }
    await drain();
    // Assert
    const after = await deliveryOf(id);
    expect(after.version).toBe(before.version);
    expect(after.eLicense.number).toBe(before.eLicense.number);
    const stored = await storedEvents(id);
    expect(stored.filter((e) => e.type === "delivery.opened")).toHaveLength(1);
    expect(stored.filter((e) => e.type === "e-license.issued")).toHaveLength(1);
  });
});

describe("choosing the method", () => {
  it("refuses a method the item's guide does not offer (422 naming `method`)", async () => {
    const id = await decidedCase(windowOrElectronic.id);
    const mail = await choose(id, { method: "mail", address });
    const locker = await choose(id, { method: "locker", lockerId: "HD-A01" });
    expect(mail.status).toBe(422);
    expect(mail.body.errors[0].path).toEqual(["method"]);
    expect(locker.status).toBe(422);
    expect((await deliveryOf(id)).state).toBe("awaitingChoice");
  });

  it("lets only the owner or a clerk of the case's center choose, and their center's staff read", async () => {
    const id = await decidedCase();
    const stranger = (
      await request("POST", "/_local/token", { body: { role: "applicant", sub: "usr_nosy" } })
    ).body.token;
    const strangerChoice = await request("POST", path(id), { token: stranger, body: { method: "window" } });
    const otherCenter = await choose(id, { method: "window" }, "subdistrictClerk");
    const approver = await choose(id, { method: "window" }, "approver");
    const strangerRead = await request("GET", path(id), { token: stranger });
    expect(strangerChoice.status).toBe(403);
    expect(otherCenter.status).toBe(403);
    expect(approver.status).toBe(403);
    expect(strangerRead.status).toBe(403);
    expect((await as("supervisor").get(path(id))).status).toBe(200);
  });
});

describe("window pickup", () => {
  it("locks the code after five wrong ones in a row, tells the applicant, and unlocks with a new code (issue 15)", async () => {
    // Arrange
    const id = await decidedCase();
    const chosen = await choose(id, { method: "window" });
    await drain();
    const code = chosen.body.window.pickupCode as string;
    const wrongCode = code === "000000" ? "000001" : "000000";
    const handOver = (pickupCode: string) =>
      as("clerk").post(path(id, "/handover"), { pickupCode, identityCheck: { method: "idCard" } });
    // Act: five wrong codes, then the right one
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push(await handOver(wrongCode));
    const right = await handOver(code);
    await drain();
    const clerkView = await deliveryOf(id, "clerk");
    const told = (await notificationsOf(id)).filter((n) => n.templateKey === "delivery.code-locked");
    const again = await choose(id, { method: "window" });
    const handed = await handOver(again.body.window.pickupCode);
    // Assert
    expect(wrong.map((w) => [w.status, w.body.rule, w.body.triesLeft])).toEqual([
      [422, "code-mismatch", 4],
      [422, "code-mismatch", 3],
      [422, "code-mismatch", 2],
      [422, "code-mismatch", 1],
      [422, "code-locked", undefined],
    ]);
    expect(right.status).toBe(422);
    expect(right.body.rule).toBe("code-locked");
    expect(clerkView.codeGuard).toMatchObject({ wrong: 5, lockedAt: expect.any(String) });
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain("已被锁定");
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
  });

  it("issues a 6-digit code ready at once; a clerk hands over against it, recording who, when and the identity check", async () => {
    // Arrange
    const id = await decidedCase();
    // Act
    const chosen = await choose(id, { method: "window" });
    await drain();
    const code = chosen.body.window.pickupCode as string;
    const wrong = await as("clerk").post(path(id, "/handover"), {
      pickupCode: code === "000000" ? "000001" : "000000",
      identityCheck: { method: "idCard" },
    });
    const handed = await as("clerk").post(path(id, "/handover"), {
      pickupCode: code,
      identityCheck: { method: "authorizationLetter", note: "代领人：王大明" },
    });
    const again = await as("clerk").post(path(id, "/handover"), {
      pickupCode: code,
      identityCheck: { method: "idCard" },
    });
    await drain();
    // Assert
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    expect(chosen.body).toMatchObject({ state: "readyForPickup", method: "window" });
    expect(code).toMatch(/^\d{6}$/);
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].path).toEqual(["pickupCode"]);
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body).toMatchObject({
      state: "completed",
      handover: {
        by: seedUsers.clerk.sub,
        role: "clerk",
        identityCheck: { method: "authorizationLetter", note: "代领人：王大明" },
      },
    });
    expect(handed.body.completedAt).toBe(handed.body.handover.at);
    expect(again.status).toBe(409);
    const delivery = await deliveryOf(id);
    expect(types(delivery)).toEqual([
      "delivery.opened",
      "e-license.issued",
      "delivery.method-chosen",
      "delivery.ready",
      "delivery.completed",
    ]);
    expect(readyOf(delivery).instructions).toBe(`请凭取件码${code}到北京市海淀区政务服务中心领取`);
    // Staff see that a code was issued, never the code itself.
    const staffView = await deliveryOf(id, "clerk");
    expect(staffView.window.pickupCode).toBeUndefined();
    expect(JSON.stringify(staffView)).not.toContain(code);
    // The applicant is told where to fetch it, then that it arrived (art. 31).
    const told = (await notificationsOf(id)).filter((n) => n.templateKey.startsWith("delivery."));
    expect(told.map((n) => n.templateKey)).toEqual(["delivery.ready", "delivery.completed"]);
    expect(told[0]!.body).toContain(`取件码${code}`);
    expect(told[1]!.body).toContain("窗口领取");
  });

  it("refuses a handover without the identity check's agent for an authorization letter (400)", async () => {
    const id = await decidedCase();
    const { body } = await choose(id, { method: "window" });
    const res = await as("clerk").post(path(id, "/handover"), {
      pickupCode: body.window.pickupCode,
      identityCheck: { method: "authorizationLetter" },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toEqual(["identityCheck", "note"]);
  });
});

describe("self-service locker", () => {
  it("loads a free compartment with a code; a change of method is recorded and voids the earlier code", async () => {
    // Arrange: window first, then the applicant changes to the locker
    const id = await decidedCase();
    const other = await decidedCase();
    const lockerId = `HD-${ulid().slice(-6)}`;
    const windowChoice = await choose(id, { method: "window" });
    // Act
    const loaded = await choose(id, { method: "locker", lockerId });
    const neighbour = await choose(other, { method: "locker", lockerId }, "clerk");
    const oldCode = await as("clerk").post(path(id, "/handover"), {
      pickupCode: windowChoice.body.window.pickupCode,
      identityCheck: { method: "idCard" },
    });
    const code = loaded.body.locker.code as string;
    const wrong = await as("clerk").post(path(id, "/locker-pickup"), {
      code: code === "999999" ? "999998" : "999999",
    });
    const picked = await as("clerk").post(path(id, "/locker-pickup"), { code });
    // Assert
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);
    expect(loaded.body).toMatchObject({
      state: "inLocker",
      method: "locker",
      locker: { lockerId, compartment: 1 },
    });
    expect(neighbour.body.locker.compartment).toBe(2);
    const hold =
      new Date(loaded.body.locker.expiresAt).getTime() - new Date(loaded.body.locker.loadedAt).getTime();
    expect(hold).toBe(72 * 3_600_000);
    expect(oldCode.status).toBe(409);
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].path).toEqual(["code"]);
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    expect(picked.body.state).toBe("completed");
    const delivery = await deliveryOf(id);
    const chosen = delivery.history.filter((h: { type: string }) => h.type === "delivery.method-chosen");
    expect(chosen.map((h: { data: object }) => h.data)).toEqual([
      expect.objectContaining({ method: "window" }),
      expect.objectContaining({ method: "locker", previousMethod: "window" }),
    ]);
    expect(readyOf(delivery).instructions).toMatch(
      new RegExp(
        `^请于\\d{4}年\\d{1,2}月\\d{1,2}日\\d{2}:\\d{2}前在自助柜${lockerId}的1号格口凭取件码${code}领取$`,
      ),
    );
    // The emptied compartment is the next one loaded.
    const third = await decidedCase();
    expect((await choose(third, { method: "locker", lockerId })).body.locker.compartment).toBe(1);
  });
});

describe("mail", () => {
  it("validates the address, naming each bad field (400)", async () => {
    const id = await decidedCase();
    const res = await choose(id, {
      method: "mail",
      address: { ...address, phone: "010-6234567", postcode: "10008", street: "" },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string[] }) => e.path)).toEqual([
      ["address", "phone"],
      ["address", "street"],
      ["address", "postcode"],
    ]);
  });

  it("dispatches, takes a return back to the applicant's choice, and completes on delivery", async () => {
    // Arrange
    const id = await decidedCase();
    // Act
    const chosen = await choose(id, { method: "mail", address });
    const dispatched = await as("clerk").post(path(id, "/dispatch"), {
      carrier: "EMS",
      trackingNumber: "1188776655443",
    });
    const lateChange = await choose(id, { method: "window" });
    const returned = await as("clerk").post(path(id, "/mail-result"), {
      outcome: "returned",
      note: "地址无人签收",
    });
    const again = await choose(id, {
      method: "mail",
      address: { ...address, street: "中关村大街1号海龙大厦" },
    });
    await as("clerk").post(path(id, "/dispatch"), { carrier: "EMS", trackingNumber: "1188776655999" });
    const delivered = await as("clerk").post(path(id, "/mail-result"), { outcome: "delivered" });
    await drain();
    // Assert
    expect(chosen.body).toMatchObject({ state: "awaitingDispatch", mail: { address } });
    expect(dispatched.body).toMatchObject({ state: "dispatched", mail: { carrier: "EMS" } });
    expect(lateChange.status).toBe(409);
    expect(returned.body).toMatchObject({ state: "returned", mail: { outcome: "returned" } });
    expect(again.body.state).toBe("awaitingDispatch");
    expect(delivered.body).toMatchObject({ state: "completed", mail: { outcome: "delivered" } });
    const delivery = await deliveryOf(id);
    expect(types(delivery).slice(2)).toEqual([
      "delivery.method-chosen",
      "delivery.ready",
      "delivery.returned",
      "delivery.method-chosen",
      "delivery.ready",
      "delivery.completed",
    ]);
    expect(readyOf(delivery).instructions).toBe("已通过EMS寄出，运单号1188776655999");
    // No mailing address and no phone number in any event.
    const events = JSON.stringify(await storedEvents(id));
    for (const secret of [address.phone, "中关村大街", address.recipient, address.postcode]) {
      expect(events).not.toContain(secret);
    }
  });

  it("shows the address to the owner and the center's clerks, masked to other staff and in the worklist", async () => {
    const id = await decidedCase();
    await choose(id, { method: "mail", address });
    const owner = await deliveryOf(id);
    const clerk = await deliveryOf(id, "clerk");
    const supervisor = await deliveryOf(id, "supervisor");
    const worklist = await as("clerk").get("/v1/deliveries?state=awaitingDispatch&method=mail&limit=100");
    expect(owner.mail.address).toEqual(address);
    expect(clerk.mail.address).toEqual(address);
    expect(supervisor.mail.address).toMatchObject({
      recipient: "王*明",
      phone: "139****5678",
      street: "中关村****",
    });
    expect(worklist.status, JSON.stringify(worklist.body)).toBe(200);
    const listed = worklist.body.items.find((d: { applicationId: string }) => d.applicationId === id);
    expect(listed.mail.address).toMatchObject({ recipient: "王*明", phone: "139****5678" });
    expect(JSON.stringify(worklist.body)).not.toContain(address.phone);
  });
});

describe("the delivery clock (art. 44, issue 17)", () => {
  const clocksOf = async (id: string) =>
    (await as("applicant").get(`/v1/applications/${id}/clocks`)).body.clocks as {
      stage: string;
      state: string;
      outcome?: string;
      stoppedAt?: string;
    }[];

  it("stops when the result is made available, not when the applicant collects it", async () => {
    // Arrange
    const id = await decidedCase();
    // Act
    const chosen = await choose(id, { method: "window" });
    await drain();
    const whenReady = await clocksOf(id);
    await advanceClock("PT26H");
    forgetTokens();
    await as("clerk").post(path(id, "/handover"), {
      pickupCode: chosen.body.window.pickupCode,
      identityCheck: { method: "idCard" },
    });
    await drain();
    const whenCollected = await clocksOf(id);
    // Assert
    const readyAt = readyOf(await deliveryOf(id)).readyAt as string;
    for (const clocks of [whenReady, whenCollected]) {
      expect(clocks.find((c) => c.stage === "delivery")).toMatchObject({
        state: "stopped",
        outcome: "madeAvailable",
        stoppedAt: readyAt,
      });
      expect(clocks.find((c) => c.stage === "case")).toMatchObject({ state: "stopped", stoppedAt: readyAt });
    }
  });
});

describe("the applicant's case follows review and delivery (issue 16)", () => {
  const applicationOf = async (id: string, who: SeedUser = "applicant") =>
    (await as(who).get(`/v1/applications/${id}`)).body;
  const stepTypes = (application: { history: { type: string }[] }) => application.history.map((h) => h.type);

  it("is decided once review decides, lists the sealed decision, and is delivered once the result reaches them", async () => {
    // Arrange
    const id = await decidedCase();
    // Act
    const decided = await applicationOf(id);
    await choose(id, { method: "electronic" });
    await drain();
    const delivered = await applicationOf(id);
    const decision = decided.documents.find((d: { kind: string }) => d.kind === "approvalDecision");
    const printable = await request("GET", `${decision.href}?format=html`, { as: "applicant" });
    const worklist = await as("clerk").get(`/v1/applications?state=delivered&limit=100`);
    // Assert
    expect(decided.state).toBe("decided");
    expect(decided.decision).toMatchObject({ outcome: "approved", documentId: decision.id });
    expect(decided.delivery).toMatchObject({ progress: "awaitingChoice" });
    expect(decision).toMatchObject({ href: `/v1/documents/${decision.id}`, number: decided.decision.number });
    expect(decided.documents.map((d: { kind: string }) => d.kind).sort()).toEqual([
      "acceptanceReceipt",
      "approvalDecision",
      "eLicense",
    ]);
    expect(stepTypes(decided)).toEqual(
      expect.arrayContaining([
        "application.submitted",
        "application.accepted",
        "review.decided",
        "delivery.opened",
      ]),
    );
    // The step says what was decided — not the sealed text or the decider's authority.
    const step = decided.history.find((h: { type: string }) => h.type === "review.decided");
    expect(step.data).toMatchObject({
      decision: "approved",
      reasons: ["符合法定条件"],
      documentId: decision.id,
    });
    expect(step.data).not.toHaveProperty("document");
    expect(step.data).not.toHaveProperty("basis");
    expect(delivered.state).toBe("delivered");
    expect(delivered.delivery).toMatchObject({ progress: "completed", method: "electronic" });
    expect(stepTypes(delivered).slice(-3)).toEqual([
      "delivery.method-chosen",
      "delivery.ready",
      "delivery.completed",
    ]);
    // The pushed link is the applicant's alone: it is not in the case's history, which staff read too.
    expect(JSON.stringify(delivered.history)).not.toContain("/v1/results/");
    expect(printable.status).toBe(200);
    expect(printable.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(printable.body).toContain("准予行政许可决定书");
    expect(worklist.body.items.map((a: { id: string }) => a.id)).toContain(id);
  });

  it("lists the e-license among the case's documents, readable and printable by the applicant, its holder masked", async () => {
    // Arrange
    const id = await decidedCase();
    // Act
    const { documents } = await applicationOf(id);
    const license = documents.find((d: { kind: string }) => d.kind === "eLicense");
    const json = await as("applicant").get(license.href);
    const html = await request("GET", `${license.href}?format=html`, { as: "applicant" });
    const stranger = await (await newApplicant()).get(license.href);
    // Assert
    expect(license.href).toBe(`/v1/applications/${id}/e-license`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ id: license.id, number: license.number, holder: "110105********002X" });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.body).toContain(`电子证照：${every.name}`);
    expect(html.body).toContain(license.number);
    expect(html.body).not.toContain(demoApplicants.person.idNumber);
    expect(stranger.status).toBe(403);
  });

  it("records a denial as decided, with the denial decision among its documents", async () => {
    // Arrange
    const id = await decidedCase(every.id, "denied");
    // Act
    const application = await applicationOf(id, "clerk");
    // Assert
    expect(application.state).toBe("decided");
    expect(application.decision.outcome).toBe("denied");
    expect(application.documents.map((d: { kind: string }) => d.kind)).toContain("denialDecision");
    expect(application.documents.map((d: { kind: string }) => d.kind)).not.toContain("eLicense");
    expect((await as("applicant").get(`/v1/applications/${id}/e-license`)).status).toBe(404);
  });
});

describe("electronic push through a signed, expiring link", () => {
  it("completes on the push; the link answers the decision and e-license, recording each opening", async () => {
    // Arrange
    const id = await decidedCase();
    // Act
    const pushed = await choose(id, { method: "electronic" });
    await drain();
    const link = pushed.body.electronic.path as string;
    const opened = await anonymous.get(link);
    // Assert
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body).toMatchObject({ state: "completed", method: "electronic" });
    expect(link).toMatch(/^\/v1\/results\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.headers.get("cache-control")).toBe("no-store");
    expect(opened.body).toMatchObject({
      applicationId: id,
      decision: "approved",
      document: { title: "准予行政许可决定书" },
      eLicense: { licenseType: every.name, holder: "110105********002X" },
    });
    const delivery = await deliveryOf(id);
    expect(types(delivery).slice(2)).toEqual([
      "delivery.method-chosen",
      "delivery.ready",
      "delivery.completed",
      "delivery.result-opened",
    ]);
    expect(readyOf(delivery).instructions).toBe(`电子结果已推送，链接7日内有效：${link}`);
    expect(delivery.linkOpenings.count).toBe(1);
    // Told once: the message with the link says the result is delivered; no second one for its completion (issue 21)
    const told = (await notificationsOf(id)).filter((n) => n.templateKey.startsWith("delivery."));
    expect(told.map((n) => n.templateKey)).toEqual(["delivery.ready"]);
  });

  it("registers the issued e-license with intake, so the holder's next application needs no paper for it (art. 36)", async () => {
    // Arrange: a second item whose guide asks for the license the first item issues.
    const id = await decidedCase();
    await choose(id, { method: "electronic" });
    await drain();
    const { eLicense } = await deliveryOf(id);
    const next = await givenItem({ departmentId: seedUsers.approver.departmentId });
    await as("admin").post(
      `/v1/items/${next.id}/guides`,
      guideInput({
        materials: [
          {
            name: "申请表",
            required: true,
            copies: 1,
            form: "original",
            commitmentAllowed: false,
            tolerable: false,
          },
          {
            name: "前置许可证",
            required: true,
            copies: 1,
            form: "copy",
            eLicenseType: every.name,
            commitmentAllowed: false,
            tolerable: false,
          },
        ],
      }),
    );
    await request("PUT", `/v1/centers/${seeded.haidian}/items/${next.id}`, {
      as: "admin",
      body: residentStatus(),
    });
    await drain();
    // Act
    const submitted = await as("applicant").post("/v1/applications", {
      itemId: next.id,
      centerId: seeded.haidian,
      channel: "online",
      applicant: demoApplicants.person,
      materials: [{ name: "申请表" }],
    });
    // Assert
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const prior = submitted.body.materials.find((m: { name: string }) => m.name === "前置许可证");
    expect(prior).toMatchObject({ status: "eLicense", eLicense: { number: eLicense.number } });
  });

  it("refuses a tampered link (403 result-link-invalid) and records no opening", async () => {
    const id = await decidedCase();
    const link = (await choose(id, { method: "electronic" })).body.electronic.path as string;
    const [payload, signature] = link.slice("/v1/results/".length).split(".") as [string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const longer = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 * 365 })).toString(
      "base64url",
    );
    const flipped = `${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
    const other = await decidedCase();
    const otherPayload = Buffer.from(JSON.stringify({ ...claims, app: other })).toString("base64url");
    for (const token of [
      `${longer}.${signature}`,
      `${payload}.${flipped}`,
      `${otherPayload}.${signature}`,
      "x.y",
    ]) {
      const res = await anonymous.get(`/v1/results/${token}`);
      expect(res.status, token).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.type).toBe("urn:govservice:problem:result-link-invalid");
    }
    expect(types(await deliveryOf(id))).not.toContain("delivery.result-opened");
  });
});

// Last: it moves the shared virtual clock a week ahead (tokens minted before are stale afterwards).
describe("expiry on virtual time", () => {
  it("expires the result link after policy.resultLinkHours and the locker hold after policy.lockerHoldHours", async () => {
    // Arrange: a pushed link (opened once while valid) and a loaded locker
    const linked = await decidedCase();
    const link = (await choose(linked, { method: "electronic" })).body.electronic.path as string;
    const lockered = await decidedCase();
    const loaded = await choose(lockered, { method: "locker", lockerId: `HD-${ulid().slice(-6)}` });
    expect((await anonymous.get(link)).status).toBe(200);
    // Act
    await advanceClock("PT169H");
    const clerk = (await request("POST", "/_local/token", { body: { user: "clerk" } })).body.token;
    const expired = await anonymous.get(link);
    const pickup = await request("POST", path(lockered, "/locker-pickup"), {
      token: clerk,
      body: { code: loaded.body.locker.code },
    });
    // Assert
    expect(expired.status).toBe(403);
    expect(expired.headers.get("content-type")).toContain("application/problem+json");
    expect(expired.body).toMatchObject({
      type: "urn:govservice:problem:result-link-expired",
      expiredAt: expect.any(String),
    });
    expect(pickup.status).toBe(422);
    expect(pickup.body).toMatchObject({ rule: "locker-hold-expired", errors: [{ path: ["code"] }] });
    // The applicant is not stuck: the result goes back to the window.
    const applicant = (await request("POST", "/_local/token", { body: { user: "applicant" } })).body.token;
    const rechosen = await request("POST", path(lockered, ""), {
      token: applicant,
      body: { method: "window" },
    });
    expect(rechosen.body.state).toBe("readyForPickup");
  });
});
