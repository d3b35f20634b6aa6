import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { seedUsers, windows } from "#infra/local/seed-data.ts";
import { sign, signedHeaders } from "#shared/webhooks/signature.ts";
import { as, db, drain, request, setClock, sqs, stack } from "./support/api.ts";
import { seeded } from "./support/seed.ts";

const WEBHOOK = "/v1/hotline/work-orders";
const market = seedUsers.approver.departmentId;
const hrss = seeded.haidianDepartments.find((d) => d !== market)!;

const now = async () => new Date((await request("GET", "/_local/clock")).body.now as string);

let orders = 0;
/** A 12345 work order as the hotline sends it, aimed at the Haidian center. */
function workOrder(overrides: Record<string, unknown> = {}) {
  orders++;
  return {
    orderNo: `BJ${Date.now()}${String(orders).padStart(4, "0")}`,
    receivedAt: new Date().toISOString(),
    kind: "complaint",
    urgency: "general",
    channel: "phone",
    caller: { name: "张三", phone: "13812345678" },
    content: "在海淀区政务服务中心办理营业执照时窗口人员态度不好",
    target: { centerId: seeded.haidian },
    ...overrides,
  };
}

/** POST the body signed as the hotline signs (virtual time is the runtime's now). */
async function deliver(
  body: unknown,
  tamper: (h: Record<string, string>) => Record<string, string> = (h) => h,
) {
  const raw = JSON.stringify(body);
  const headers = signedHeaders(stack.hotlineSecret, raw, await now(), `dlv-${Math.random()}`);
  return request("POST", WEBHOOK, {
    rawBody: raw,
    headers: { "content-type": "application/json", ...tamper(headers) },
  });
}

async function storedWithOrderNo(orderNo: string) {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: stack.tables.complaints,
      IndexName: "gsi4",
      KeyConditionExpression: "gsi4pk = :pk",
      FilterExpression: "orderNo = :no",
      ExpressionAttributeValues: { ":pk": `wo#${seeded.haidian}`, ":no": orderNo },
    }),
  );
  return Items ?? [];
}

const callbacks = async (orderNo: string) =>
  ((await request("GET", "/_local/hotline/callbacks")).body.callbacks as { body: Record<string, unknown> }[])
    .map((c) => c.body)
    .filter((c) => c.orderNo === orderNo);

const staffToken = async (departmentId?: string, role = departmentId ? "approver" : "admin") =>
  (
    await request("POST", "/_local/token", {
      body: {
        role,
        centerId: seeded.haidian,
        ...(departmentId ? { departmentId } : {}),
        sub: `usr_hot_${role}_${departmentId ?? "c"}`,
      },
    })
  ).body.token as string;

/** A work order received, dispatched to the market department and signed for by its approver. */
async function signedForOrder(overrides: Record<string, unknown> = {}) {
  const body = workOrder(overrides);
  const id = (await deliver(body)).body.workOrderId as string;
  await as("admin").post(`/v1/work-orders/${id}/dispatch`, {
    centerId: seeded.haidian,
    departmentId: market,
  });
  await as("approver").post(`/v1/work-orders/${id}/sign-for`, {});
  return { id, orderNo: body.orderNo };
}

afterEach(async () => {
  await request("POST", "/_local/hotline/faults", { body: { times: 0 } });
});

describe("12345 webhook: signature", () => {
  it("stores a signed work order and answers 202 with our id", async () => {
    const body = workOrder();
    const res = await deliver(body);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ orderNo: body.orderNo, state: "received" });
    expect(res.body.workOrderId).toMatch(/^wko_/);
    expect(await storedWithOrderNo(body.orderNo)).toHaveLength(1);
  });

  it.each([
    [
      "a wrong signature",
      (h: Record<string, string>) => ({ ...h, "x-hotline-signature": `sha256=${"0".repeat(64)}` }),
    ],
    [
      "another secret",
      (h: Record<string, string>) => ({
        ...h,
        "x-hotline-signature": sign("not-the-secret", h["x-hotline-timestamp"]!, "{}"),
      }),
    ],
    ["a missing signature", ({ "x-hotline-signature": _, ...h }: Record<string, string>) => h],
    ["a missing timestamp", ({ "x-hotline-timestamp": _, ...h }: Record<string, string>) => h],
  ])("refuses %s with 401 problem+json and stores nothing", async (_, tamper) => {
    const body = workOrder();
    const res = await deliver(body, tamper);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await storedWithOrderNo(body.orderNo)).toHaveLength(0);
  });

  it("refuses a stale timestamp (more than 300 s old), even correctly signed", async () => {
    const body = workOrder();
    const raw = JSON.stringify(body);
    const stale = new Date((await now()).getTime() - 301_000);
    const res = await request("POST", WEBHOOK, {
      rawBody: raw,
      headers: {
        "content-type": "application/json",
        ...signedHeaders(stack.hotlineSecret, raw, stale, "dlv-stale"),
      },
    });
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/window/);
    expect(await storedWithOrderNo(body.orderNo)).toHaveLength(0);
  });

  it("refuses a body changed after signing", async () => {
    const body = workOrder();
    const raw = JSON.stringify(body);
    const headers = signedHeaders(stack.hotlineSecret, raw, await now(), "dlv-changed");
    const res = await request("POST", WEBHOOK, {
      rawBody: raw.replace("态度不好", "态度很好"),
      headers: { "content-type": "application/json", ...headers },
    });
    expect(res.status).toBe(401);
    expect(await storedWithOrderNo(body.orderNo)).toHaveLength(0);
  });

  it("answers a malformed work order with 400 naming every bad field", async () => {
    const res = await deliver({
      ...workOrder(),
      kind: "gossip",
      urgency: undefined,
      caller: { phone: "12345" },
    });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string[] }[]).map((e) => e.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["kind", "urgency", "caller.phone"]));
  });
});

describe("12345 webhook: redeliveries", () => {
  it("creates exactly one work order from 20 parallel redeliveries, each answered with the first answer", async () => {
    const body = workOrder();
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    expect(new Set(answers.map((a) => a.body.workOrderId)).size).toBe(1);
    expect(await storedWithOrderNo(body.orderNo)).toHaveLength(1);
    await drain();
    const events = await db.send(
      new QueryCommand({
        TableName: stack.tables.complaints,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
        ExpressionAttributeValues: { ":pk": `wo#${answers[0]!.body.workOrderId}`, ":evt": "evt#" },
      }),
    );
    expect(events.Items!.map((e) => e.type)).toEqual(["work-order.received"]);
  });

  it("refuses the same orderNo with another body (409 with both hashes) instead of dropping the change", async () => {
    // Arrange
    const body = workOrder();
    const first = await deliver(body);
    // Act
    const changed = await deliver({ ...body, content: `${body.content}（补充：窗口编号A03）` });
    const again = await deliver(body);
    // Assert
    expect(first.status).toBe(202);
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({
      orderNo: body.orderNo,
      firstSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      thisSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(changed.body.firstSha256).not.toBe(changed.body.thisSha256);
    expect(again.status).toBe(202);
    expect(again.body.workOrderId).toBe(first.body.workOrderId);
    expect(await storedWithOrderNo(body.orderNo)).toHaveLength(1);
  });
});

describe("work order lifecycle (接 → 派 → 办 → 评)", () => {
  it("dispatches, signs for, replies and follows up, and the hotline receives each step signed, once", async () => {
    const body = workOrder();
    const id = (await deliver(body)).body.workOrderId as string;

    const dispatched = await as("admin").post(`/v1/work-orders/${id}/dispatch`, {
      centerId: seeded.haidian,
      departmentId: market,
    });
    expect(dispatched.body).toMatchObject({
      state: "dispatched",
      unit: { departmentId: market },
      leadUnit: { departmentId: market },
    });
    const signed = await as("approver").post(`/v1/work-orders/${id}/sign-for`, {
      contactedCallerAt: (await now()).toISOString(),
    });
    expect(signed.body.state).toBe("signedFor");
    const progress = await as("approver").post(`/v1/work-orders/${id}/progress`, { note: "已调取窗口录像" });
    expect(progress.body.state).toBe("inProgress");
    const replied = await as("approver").post(`/v1/work-orders/${id}/reply`, {
      text: "已对窗口人员批评教育并致歉",
      outcome: "resolved",
    });
    expect(replied.body.state).toBe("replied");
    const followed = await as("admin").post(`/v1/work-orders/${id}/follow-up`, {
      reached: true,
      resolved: true,
      satisfied: true,
    });
    expect(followed.body.state).toBe("closed");
    expect((followed.body.history as { action: string }[]).map((h) => h.action)).toEqual([
      "received",
      "dispatched",
      "signedFor",
      "progress",
      "replied",
      "followedUp",
    ]);
    await drain();

    // A queue keeps no order: each callback carries its type and time, and the hotline orders them.
    const received = (await callbacks(body.orderNo)).sort((a, b) => String(a.at).localeCompare(String(b.at)));
    expect(received.map((c) => c.type)).toEqual(["signedFor", "replied", "followedUp"]);
    expect(received[1]).toMatchObject({ outcome: "resolved", reply: "已对窗口人员批评教育并致歉" });
    expect(received[2]).toMatchObject({ reached: true, resolved: true, satisfied: true });
    expect(new Set(received.map((c) => c.callbackId)).size).toBe(3);
    // The reply stopped the reply clock.
    const clocks = await db.send(
      new QueryCommand({
        TableName: stack.tables.monitoring,
        KeyConditionExpression: "pk = :pk AND sk = :sk",
        ExpressionAttributeValues: { ":pk": `subject#${id}`, ":sk": "clock#hotlineReply" },
      }),
    );
    expect(clocks.Items?.[0]).toMatchObject({ state: "stopped", outcome: "replied" });
  });

  it("keeps the order moving only in order, and only for the unit that has it", async () => {
    const body = workOrder();
    const id = (await deliver(body)).body.workOrderId as string;
    // Not dispatched yet: the center has it, no department — nothing to sign for.
    expect((await as("admin").post(`/v1/work-orders/${id}/sign-for`, {})).status).toBe(409);
    expect((await as("approver").post(`/v1/work-orders/${id}/sign-for`, {})).status).toBe(403);
    expect(
      (
        await as("clerk").post(`/v1/work-orders/${id}/dispatch`, {
          centerId: seeded.haidian,
          departmentId: market,
        })
      ).status,
    ).toBe(403);
    expect(
      (await as("admin").post(`/v1/work-orders/${id}/dispatch`, { centerId: seeded.otherDistrict })).status,
    ).toBe(422);
    await as("admin").post(`/v1/work-orders/${id}/dispatch`, {
      centerId: seeded.haidian,
      departmentId: market,
    });
    const other = await request("POST", `/v1/work-orders/${id}/sign-for`, {
      token: await staffToken(hrss),
      body: {},
    });
    expect(other.status).toBe(403);
    expect(
      (await as("approver").post(`/v1/work-orders/${id}/reply`, { text: "x", outcome: "resolved" })).status,
    ).toBe(409);
    // The handler does not make the follow-up call about their own work.
    await as("approver").post(`/v1/work-orders/${id}/sign-for`, {});
    await as("approver").post(`/v1/work-orders/${id}/reply`, { text: "已处理", outcome: "resolved" });
    expect(
      (
        await as("approver").post(`/v1/work-orders/${id}/follow-up`, {
          reached: true,
          resolved: true,
          satisfied: true,
        })
      ).status,
    ).toBe(403);
    const unanswered = await as("admin").post(`/v1/work-orders/${id}/follow-up`, { reached: true });
    expect(unanswered.status).toBe(422);
  });

  it("hands an order to another unit only when that unit accepts, and records why", async () => {
    const { id } = await signedForOrder();
    const noReason = await as("approver").post(`/v1/work-orders/${id}/transfers`, {
      to: { centerId: seeded.haidian, departmentId: hrss },
    });
    expect(noReason.status).toBe(400);
    const requested = await as("approver").post(`/v1/work-orders/${id}/transfers`, {
      to: { centerId: seeded.haidian, departmentId: hrss },
      reason: "诉求涉及社保缴费，属人社局职责",
    });
    expect(requested.status).toBe(200);
    const transferId = requested.body.transfer.id as string;
    // Still the market department's until the other side answers; it cannot be answered by the sender.
    expect(requested.body.unit.departmentId).toBe(market);
    expect(
      (await as("approver").post(`/v1/work-orders/${id}/transfers/${transferId}/answer`, { accept: true }))
        .status,
    ).toBe(403);
    const hrssToken = await staffToken(hrss);
    // The receiving department finds the order it is asked to take in its list, to answer it
    const theirs = await request("GET", `/v1/work-orders?centerId=${seeded.haidian}&limit=100`, {
      token: hrssToken,
    });
    expect((theirs.body.items as { id: string }[]).map((o) => o.id)).toContain(id);
    const declined = await request("POST", `/v1/work-orders/${id}/transfers/${transferId}/answer`, {
      token: hrssToken,
      body: { accept: false },
    });
    expect(declined.status).toBe(422);

    const accepted = await request("POST", `/v1/work-orders/${id}/transfers/${transferId}/answer`, {
      token: hrssToken,
      body: { accept: true },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      state: "dispatched",
      unit: { departmentId: hrss },
      leadUnit: { departmentId: hrss },
    });
    expect((accepted.body.history as { action: string; note?: string }[]).slice(-2)).toEqual([
      expect.objectContaining({ action: "transferRequested", note: "诉求涉及社保缴费，属人社局职责" }),
      expect.objectContaining({ action: "transferred" }),
    ]);
    expect(
      (await request("POST", `/v1/work-orders/${id}/sign-for`, { token: hrssToken, body: {} })).body.state,
    ).toBe("signedFor");
  });

  it("masks the caller's phone in lists and shows it whole to the unit handling it", async () => {
    const { id } = await signedForOrder();
    const list = await as("admin").get(`/v1/work-orders?centerId=${seeded.haidian}&limit=100`);
    const listed = (list.body.items as { id: string; caller: { phone: string } }[]).find((o) => o.id === id)!;
    expect(listed.caller.phone).toBe("138****5678");
    expect((await as("approver").get(`/v1/work-orders/${id}`)).body.caller.phone).toBe("13812345678");
    expect((await as("applicant").get(`/v1/work-orders/${id}`)).status).toBe(403);
  });

  it("masks an ID or phone number the caller wrote into the request, in lists (issue 15)", async () => {
    // Arrange
    const { id } = await signedForOrder({ content: "我的身份证号11010519491231002X，请回电13712345678" });
    // Act
    const list = await as("admin").get(`/v1/work-orders?centerId=${seeded.haidian}&limit=100`);
    // Assert
    const listed = (list.body.items as { id: string; content: string }[]).find((o) => o.id === id);
    expect(listed?.content).toBe("我的身份证号110105********002X，请回电137****5678");
  });
});

describe("the hotline's own follow-up call (回访, by webhook)", () => {
  /** POST a follow-up result for `orderNo`, signed as the hotline signs. */
  async function followUp(orderNo: string, body: Record<string, unknown>, signed = true) {
    const raw = JSON.stringify(body);
    const headers = signed
      ? signedHeaders(stack.hotlineSecret, raw, await now(), `dlv-${Math.random()}`)
      : {};
    return request("POST", `${WEBHOOK}/${orderNo}/follow-ups`, {
      rawBody: raw,
      headers: { "content-type": "application/json", ...headers },
    });
  }
  const result = (over: Record<string, unknown> = {}) => ({
    followUpId: `FU${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    calledAt: new Date().toISOString(),
    reached: true,
    resolved: true,
    satisfied: false,
    ...over,
  });

  it("records the hotline's result once, closes the order, and calls the hotline back about nothing", async () => {
    // Arrange: an order replied to by the market department
    const { id, orderNo } = await signedForOrder();
    const early = await followUp(orderNo, result());
    await as("approver").post(`/v1/work-orders/${id}/reply`, { text: "已处理", outcome: "resolved" });
    const unreached = result({ reached: false, resolved: undefined, satisfied: undefined });
    const call = result();
    // Act: an unreached call, then the call that reached the caller, delivered 10 times at once
    const first = await followUp(orderNo, unreached);
    const answers = await Promise.all(Array.from({ length: 10 }, () => followUp(orderNo, call)));
    const late = await followUp(orderNo, unreached);
    await drain();
    // Assert
    expect(early.status).toBe(409); // not before the reply
    expect(first.body).toMatchObject({ workOrderId: id, orderNo, state: "replied" });
    expect(answers.map((a) => [a.status, a.body.state])).toEqual(answers.map(() => [200, "closed"]));
    expect(late.body).toMatchObject({ state: "closed", followUpId: unreached.followUpId });
    const order = await as("admin").get(`/v1/work-orders/${id}`);
    expect(order.body.followUp).toMatchObject({
      reached: true,
      resolved: true,
      satisfied: false,
      madeBy: "hotline",
    });
    expect((order.body.history as { action: string }[]).map((h) => h.action).slice(-3)).toEqual([
      "replied",
      "followUpUnreached",
      "followedUp",
    ]);
    expect((await callbacks(orderNo)).map((c) => c.type).sort()).toEqual(["replied", "signedFor"]);
  });

  it("refuses an unsigned result, and answers an order it never received with 404", async () => {
    const { orderNo } = await signedForOrder();
    expect((await followUp(orderNo, result(), false)).status).toBe(401);
    expect((await followUp("BJ0000000000", result())).status).toBe(404);
  });
});

describe("callbacks to the hotline", () => {
  it("retries a callback the hotline refuses, and it arrives once", async () => {
    await drain();
    await request("POST", "/_local/hotline/faults", { body: { times: 2 } });
    const { orderNo } = await signedForOrder();
    await drain();
    const received = await callbacks(orderNo);
    expect(received.map((c) => c.type)).toEqual(["signedFor"]);
    const tried = (await request("GET", "/_local/hotline/callbacks")).body.attemptsByOrder as Record<
      string,
      number
    >;
    expect(tried[orderNo]).toBe(3);
  });

  it("puts a callback in the DLQ when the hotline never answers", async () => {
    await request("POST", "/_local/hotline/faults", { body: { times: null } });
    const { orderNo } = await signedForOrder();
    await drain();
    expect(await callbacks(orderNo)).toEqual([]);
    const dlq = stack.queues["complaints-callbacks-dlq"]!;
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const dead = Messages.find((m) => m.Body!.includes(orderNo));
    expect(JSON.parse(dead!.Body!)).toMatchObject({ type: "work-order.signed-for", data: { orderNo } });
    for (const m of Messages)
      await sqs.send(new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: m.ReceiptHandle! }));
  });
});

describe("complaints inside the center (art. 52)", () => {
  it("turns a complaint about a window into a work order of the center, with no hotline callback", async () => {
    const window = windows.find((w) => w.centerId === seeded.haidian)!;
    const res = await as("applicant").post("/v1/complaints", {
      centerId: seeded.haidian,
      channel: "qrCode",
      about: { kind: "window", windowId: window.id },
      complainant: { name: "李四", phone: "13900001111" },
      content: "窗口人员长时间离岗",
    });
    expect(res.status).toBe(201);
    const id = res.body.workOrderId as string;
    const order = await as("admin").get(`/v1/work-orders/${id}`);
    expect(order.body).toMatchObject({
      origin: "center",
      kind: "complaint",
      channel: "qrCode",
      target: { windowId: window.id },
    });
    await as("admin").post(`/v1/work-orders/${id}/dispatch`, { centerId: seeded.haidian });
    expect((await as("admin").post(`/v1/work-orders/${id}/sign-for`, {})).body.state).toBe("signedFor");
    await drain();
    expect(await callbacks(order.body.orderNo as string)).toEqual([]);

    const unknown = await as("applicant").post("/v1/complaints", {
      centerId: seeded.haidian,
      channel: "qrCode",
      about: { kind: "staff", staffId: "stf_nobody" },
      content: "x",
    });
    expect(unknown.status).toBe(422);
  });
});

describe("the reply clock", () => {
  it("warns the handler as an emergency order's 2 hours run out: reminder, yellow, red, each once", async () => {
    const start = await now();
    const { id } = await signedForOrder({ urgency: "emergency", receivedAt: start.toISOString() });
    await drain();
    // Every page: other tests' orders have open warnings of their own, red first.
    const levels = async () => {
      const found: string[] = [];
      let cursor: string | undefined;
      do {
        const page = (
          await as("admin").get(
            `/v1/warnings?centerId=${seeded.haidian}&stage=hotlineReply&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
          )
        ).body as { items: { clockId: string; level: string }[]; nextCursor?: string };
        found.push(...page.items.filter((w) => w.clockId.startsWith(id)).map((w) => w.level));
        cursor = page.nextCursor;
      } while (cursor);
      return found;
    };
    for (const [minutes, expected] of [
      [61, ["reminder"]],
      [91, ["yellow"]],
      [121, ["red"]],
    ] as const) {
      await setClock(new Date(start.getTime() + minutes * 60_000).toISOString());
      await drain();
      expect(await levels()).toEqual(expected);
    }
    const raised = await db.send(
      new QueryCommand({
        TableName: stack.tables.monitoring,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
        ExpressionAttributeValues: { ":pk": `subject#${id}`, ":evt": "evt#" },
      }),
    );
    expect(raised.Items!.filter((e) => e.type === "clock.warning-raised").map((e) => e.data.level)).toEqual([
      "reminder",
      "yellow",
      "red",
    ]);
  });
});
