import { randomUUID } from "node:crypto";
import {
  ChangeMessageVisibilityCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { ulid } from "ulid";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { as, drain, newApplicant, request, sqs, stack } from "./support/api.ts";
import { redrive } from "../../scripts/redrive.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

let itemId: string;

beforeAll(async () => {
  const item = await givenItem({ departmentId: seedUsers.approver.departmentId });
  await as("admin").post(
    `/v1/items/${item.id}/guides`,
    guideInput({ materials: [{ name: "申请表", required: true }] }),
  );
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus({ authorization: { listRef: "清单第7项", deciders: ["approver"] } }),
  });
  itemId = item.id;
  await drain();
});

/** Each test signs in with an account of its own: codes and messages are limited per account and hour (issue 15). */
let account: Awaited<ReturnType<typeof newApplicant>>;
let verifiedContacts: Set<string>;
beforeEach(async () => {
  account = await newApplicant();
  verifiedContacts = new Set();
});

afterEach(async () => {
  await request("DELETE", "/_local/outbox/faults");
});

/** A mobile number of this test's own: sends are limited per recipient and hour (issue 15). */
let phones = 0;
const uniquePhone = () => `139${String((Date.now() % 100_000) * 100 + (phones++ % 100)).padStart(8, "0")}`;

/** The code the outbox shows for a contact being verified (locally the outbox stands in for SMS and email). */
async function codeSentTo(channel: "sms" | "email", to: string): Promise<string> {
  const messages = (await request("GET", `/_local/outbox?channel=${channel}`)).body.messages as {
    to: string;
    body: string;
  }[];
  const body = messages.filter((m) => m.to === to).at(-1)?.body ?? "";
  return /验证码为(\d{6})/.exec(body)?.[1] ?? "";
}

/** The test's account verifies `to` as where its messages go (issue 15), once. */
async function verified(channel: "sms" | "email", to: string) {
  if (verifiedContacts.has(`${channel}:${to}`)) return;
  verifiedContacts.add(`${channel}:${to}`);
  const sent = await account.post("/v1/me/contacts", { channel, to });
  expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  await drain();
  const confirmed = await account.post("/v1/me/contacts/confirm", {
    channel,
    to,
    code: await codeSentTo(channel, to),
  });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
}

/**
 * An application submitted online by the test's account, told over the given channels at its verified contacts
 * (verified first, unless the test did).
 */
async function submitted(channels: string[], phone = uniquePhone()) {
  if (channels.includes("sms") || channels.includes("call")) await verified("sms", phone);
  if (channels.includes("email")) await verified("email", "wang@example.cn");
  const res = await account.post("/v1/applications", {
    itemId,
    centerId: seeded.haidian,
    channel: "online",
    applicant: { ...demoApplicants.person, phone },
    materials: [{ name: "申请表" }],
    notifications: { channels, phone, email: "wang@example.cn" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await drain();
  return res.body.id as string;
}

/** The case accepted by a clerk, claimed and approved; every event it caused applied. */
async function approved(id: string) {
  await as("clerk").post(`/v1/applications/${id}/acceptance`, { outcome: "accepted" });
  await drain();
  await request("POST", `/v1/applications/${id}/review/claim`, { as: "approver", body: {} });
  await request("POST", `/v1/applications/${id}/decision`, {
    as: "approver",
    body: { decision: "approved" },
  });
  await drain();
}

const notificationsOf = async (applicationId: string) =>
  (await account.get(`/v1/applications/${applicationId}/notifications?limit=100`)).body.items as {
    id: string;
    channel: string;
    status: string;
    attempts: number;
    templateKey: string;
    templateVersion: number;
    to?: string;
    body: string;
  }[];

describe("where messages go (issue 15)", () => {
  it("sends an online application's messages to the account's verified phone, never to a number typed in it", async () => {
    // Arrange: the account verifies its own phone; the application names a stranger's
    const own = uniquePhone();
    const stranger = uniquePhone();
    await verified("sms", own);
    // Act
    const res = await account.post("/v1/applications", {
      itemId,
      centerId: seeded.haidian,
      channel: "online",
      applicant: { ...demoApplicants.person, phone: stranger },
      materials: [{ name: "申请表" }],
      notifications: { channels: ["sms"], phone: stranger },
    });
    await drain();
    // Assert
    expect(res.status).toBe(201);
    const sms = (await request("GET", "/_local/outbox?channel=sms")).body.messages as {
      to: string;
      body: string;
    }[];
    expect(sms.filter((m) => m.to === stranger)).toEqual([]);
    const mine = sms.filter((m) => m.to === own);
    expect(mine.map((m) => m.body)).toEqual([
      expect.stringContaining("验证码"),
      expect.stringContaining("申请已提交"),
    ]);
  });

  it("takes a contact only with the right code: wrong ones are counted, the code never appears in a list", async () => {
    // Arrange
    const phone = uniquePhone();
    await account.post("/v1/me/contacts", { channel: "sms", to: phone });
    await drain();
    const code = await codeSentTo("sms", phone);
    const wrong = code === "000000" ? "000001" : "000000";
    // Act
    const refused = await account.post("/v1/me/contacts/confirm", {
      channel: "sms",
      to: phone,
      code: wrong,
    });
    const inbox = await account.get("/v1/me/notifications?limit=100");
    const taken = await account.post("/v1/me/contacts/confirm", { channel: "sms", to: phone, code });
    const contacts = await account.get("/v1/me/contacts");
    // Assert
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ rule: "code-mismatch", triesLeft: 4, errors: [{ path: ["code"] }] });
    expect(JSON.stringify(inbox.body)).not.toContain(code);
    expect(taken.status).toBe(200);
    expect(contacts.body).toMatchObject({ sms: phone });
  });
});

describe("progress notifications (art. 31)", () => {
  it("sends no more than the limit to one number in an hour; the rest are rate limited, not sent (issue 15)", async () => {
    // Arrange: the account's verified mobile (its code was the first message this hour), then eight cases in a row
    const phone = uniquePhone();
    await verified("sms", phone);
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await submitted(["sms"], phone));
    // Act
    const notices = (
      await Promise.all(
        ids.map(async (id) =>
          (await notificationsOf(id)).filter(
            (n) => n.channel === "sms" && n.templateKey === "application.submitted",
          ),
        ),
      )
    ).flat();
    const outbox = (await request("GET", "/_local/outbox?channel=sms")).body.messages.filter(
      (m: { to: string }) => m.to === phone,
    );
    // Assert: six messages went out (the default limit: the code and five notices), three notices were stopped
    expect(notices).toHaveLength(8);
    expect(notices.filter((n) => n.status === "delivered")).toHaveLength(5);
    expect(notices.filter((n) => n.status === "rateLimited")).toHaveLength(3);
    expect(outbox).toHaveLength(6);
  });

  it("tells the applicant of every step over the chosen channels; a decision reaches the outbox", async () => {
    // Arrange
    const phone = uniquePhone();
    const id = await submitted(["sms", "inbox"], phone);
    // Act
    await approved(id);
    // Assert
    const list = await notificationsOf(id);
    const keys = list.filter((n) => n.channel === "sms").map((n) => n.templateKey);
    expect(keys).toEqual(
      expect.arrayContaining(["application.submitted", "application.accepted", "review.decided"]),
    );
    const decided = list.find((n) => n.channel === "sms" && n.templateKey === "review.decided")!;
    expect(decided).toMatchObject({
      status: "delivered",
      attempts: 1,
      templateVersion: 2,
      to: `${phone.slice(0, 3)}****${phone.slice(7)}`,
    });
    const outbox = await request("GET", `/_local/outbox?notificationId=${decided.id}`);
    expect(outbox.body.messages).toHaveLength(1);
    expect(outbox.body.messages[0]).toMatchObject({ channel: "sms", to: phone });
    expect(outbox.body.messages[0].body).toContain("准予许可");
    const inbox = await account.get("/v1/me/notifications?limit=100");
    expect(
      inbox.body.items.some(
        (n: { templateKey: string; channel: string }) =>
          n.channel === "inbox" && n.templateKey === "review.decided",
      ),
    ).toBe(true);
  });

  it("tells an electronic result by SMS in one part, without its link, which the inbox keeps (issue 21)", async () => {
    // Arrange: a case decided for an applicant told by SMS and in the inbox
    const phone = uniquePhone();
    const id = await submitted(["sms", "inbox"], phone);
    await approved(id);
    // Act: the applicant has the result pushed
    const pushed = await account.post(`/v1/applications/${id}/delivery`, { method: "electronic" });
    await drain();
    // Assert: the SMS says where the result is and for how long, in one part (70 characters at most)
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    const link = pushed.body.electronic.path as string;
    const [sms] = (await notificationsOf(id)).filter(
      (n) => n.channel === "sms" && n.templateKey === "delivery.ready",
    );
    const sent = (await request("GET", `/_local/outbox?notificationId=${sms!.id}`)).body.messages as {
      body: string;
    }[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain("已电子送达，请登录北京政务服务网查看，7日内有效");
    expect(sent[0]!.body).not.toContain("/v1/results/");
    expect(sent[0]!.body.length).toBeLessThanOrEqual(70);
    const [inbox] = (await notificationsOf(id)).filter(
      (n) => n.channel === "inbox" && n.templateKey === "delivery.ready",
    );
    expect(inbox!.body).toContain(link);
  });

  it("tells of a correction notice and of the materials supplied after it", async () => {
    // Arrange
    const id = await submitted(["inbox"]);
    // Act
    await as("clerk").post(`/v1/applications/${id}/acceptance`, {
      outcome: "correction",
      items: [{ material: "申请表", reason: "未签字" }],
    });
    await account.post(`/v1/applications/${id}/supplements`, { materials: [{ name: "申请表" }] });
    await drain();
    // Assert
    const told = (await notificationsOf(id)).map((n) => [n.templateKey, n.body] as const);
    expect(told.map(([key]) => key).sort()).toEqual([
      "application.correction-requested",
      "application.submitted",
      "application.supplemented",
    ]);
    expect(told.find(([key]) => key === "application.correction-requested")![1]).toContain("申请表");
    expect(told.find(([key]) => key === "application.supplemented")![1]).toContain("已收到补充材料：申请表");
  });

  it("delivers once after the provider fails twice", async () => {
    await verified("email", "wang@example.cn");
    await request("POST", "/_local/outbox/faults", { body: { channel: "email", times: 2 } });
    const id = await submitted(["email"]);
    const [email] = (await notificationsOf(id)).filter((n) => n.channel === "email");
    const outbox = await request("GET", `/_local/outbox?notificationId=${email!.id}`);
    expect(email).toMatchObject({ status: "delivered", attempts: 3, to: "w***@example.cn" });
    expect(outbox.body.attempts).toBe(3);
    expect(outbox.body.messages).toHaveLength(1);
  });

  it("ends as a technical failure with a DLQ entry when every attempt fails, and sends once when redriven", async () => {
    // Arrange: the provider refuses every attempt
    const phone = uniquePhone();
    await verified("sms", phone);
    await request("POST", "/_local/outbox/faults", { body: { channel: "sms", times: null } });
    const id = await submitted(["sms"], phone);
    const [sms] = (await notificationsOf(id)).filter((n) => n.channel === "sms");
    // the first attempt delivery-on-event's, then every one the sending queue allows (maxReceiveCount, 5; issue 21)
    expect(sms).toMatchObject({ status: "technicalFailure", attempts: 6 });
    expect((await request("GET", `/_local/outbox?notificationId=${sms!.id}`)).body.messages).toEqual([]);
    const dlq = stack.queues["delivery-sends-dlq"]!;
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    expect(Messages.some((m) => JSON.parse(m.Body!).data.notificationId === sms!.id)).toBe(true);
    for (const m of Messages)
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: dlq,
          ReceiptHandle: m.ReceiptHandle!,
          VisibilityTimeout: 0,
        }),
      );
    // Act: the provider works again; the operator redrives the DLQ (docs/runbook.md)
    await request("DELETE", "/_local/outbox/faults");
    expect((await redrive(sqs, "delivery-sends")).status).toBe("COMPLETED");
    await drain();
    // Assert: sent once, on the seventh attempt
    const [after] = (await notificationsOf(id)).filter((n) => n.channel === "sms");
    expect(after).toMatchObject({ status: "delivered", attempts: 7 });
    expect((await request("GET", `/_local/outbox?notificationId=${sms!.id}`)).body.messages).toHaveLength(1);
  });

  it("stops at once when the provider refuses the address for good", async () => {
    const phone = uniquePhone();
    await verified("sms", phone);
    await request("POST", "/_local/outbox/faults", { body: { channel: "sms", times: 1, kind: "permanent" } });
    const id = await submitted(["sms"], phone);
    const [sms] = (await notificationsOf(id)).filter((n) => n.channel === "sms");
    expect(sms).toMatchObject({ status: "permanentFailure", attempts: 1 });
  });

  it("makes a phone-call task that staff close with the call's outcome", async () => {
    const id = await submitted(["call"]);
    const [call] = (await notificationsOf(id)).filter((n) => n.channel === "call");
    expect(call).toMatchObject({ status: "created", attempts: 0 });
    const done = await as("clerk").post(`/v1/notifications/${call!.id}/call-result`, { reached: true });
    expect(done.body).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("keeps other applicants out of a case's notifications", async () => {
    const id = await submitted(["inbox"]);
    const stranger = (
      await request("POST", "/_local/token", { body: { role: "applicant", sub: "usr_nosy" } })
    ).body.token;
    const res = await request("GET", `/v1/applications/${id}/notifications`, { token: stranger });
    expect(res.status).toBe(403);
  });
});

describe("warnings for staff", () => {
  it("puts a tiered warning into the inbox of each staff recipient", async () => {
    const warningId = `wrn_${ulid()}`;
    const envelope = {
      id: `evt_${ulid()}`,
      type: "clock.warning-raised",
      version: 1,
      occurredAt: new Date().toISOString(),
      source: "monitoring",
      subject: warningId,
      correlationId: randomUUID(),
      actor: { id: "system:sweep", role: "system" },
      data: {
        warningId,
        clockId: "clk_1",
        level: "yellow",
        stage: "review",
        centerId: seeded.haidian,
        dueAt: new Date().toISOString(),
        raisedAt: new Date().toISOString(),
        recipients: [seedUsers.approver.sub],
        notifyApplicant: false,
      },
    };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.queues["delivery-events"]!,
        MessageBody: JSON.stringify(envelope),
      }),
    );
    await drain();
    const inbox = await as("approver").get("/v1/me/notifications?limit=100");
    expect(inbox.body.items.some((n: { body: string }) => n.body.includes("黄灯"))).toBe(true);
  });
});
