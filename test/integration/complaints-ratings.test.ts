import { randomUUID } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { departments, windows } from "#infra/local/seed-data.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { signedHeaders } from "#shared/webhooks/signature.ts";
import { db, drain, forgetTokens, request, setClock, stack } from "./support/api.ts";
import { sendEvent } from "./support/events.ts";
import { seeded } from "./support/seed.ts";

/**
 * Ratings, rectifications, appeals and the month's rates, in the Zhongguancun subdistrict center — which no other test
 * rates or sends work orders to, so its month holds exactly what this file puts in it and the rates can be checked
 * against a hand computation. Runs late (test/integration/sequencer.ts): it moves the virtual clock days ahead.
 */
const center = seeded.subdistrict;
const windowCode = (code: string) => windows.find((w) => w.centerId === center && w.input.code === code)!.id;
const A01 = windowCode("A01");
const B01 = windowCode("B01");
const police = departments.find((d) => d.centerId === center)!.id;

const now = async () => new Date((await request("GET", "/_local/clock")).body.now as string);
const tokens = new Map<string, string>();
async function token(role: string, sub = `usr_zgc_${role}`) {
  if (!tokens.has(sub))
    tokens.set(
      sub,
      (
        await request("POST", "/_local/token", {
          body: { role, sub, centerId: role === "applicant" ? undefined : center },
        })
      ).body.token,
    );
  return tokens.get(sub)!;
}
const call = async (role: string, method: string, path: string, body?: unknown, sub?: string) =>
  request(method, path, { token: await token(role, sub), body });

/**
 * A visit completed at a window, as intake reports it: the `ticket.completed` event on complaints' queue (the
 * queue is the contract; how intake gets there is intake's own suite).
 */
async function completedVisit(windowId: string): Promise<string> {
  const ticketId = `tkt_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  const at = (await now()).toISOString();
  await sendEvent(
    "complaints-events",
    "ticket.completed",
    {
      ticketId,
      number: "A001",
      centerId: center,
      businessDate: businessDate(new Date(at)),
      service: "consultation",
      priority: "standard",
      lane: "standard",
      extendedHours: false,
      issuedAt: at,
      windowId,
      calledAt: at,
      servingStartedAt: at,
      completedAt: at,
    },
    { occurredAt: at },
  );
  await drain();
  return ticketId;
}

const rate = (ticketId: string, level: string, more: object = {}) =>
  call("applicant", "POST", "/v1/evaluations", {
    subject: { kind: "ticket", ticketId },
    level,
    dimensions: { efficiency: level, attitude: level },
    channel: "qrCode",
    ...more,
  });

async function hotline(overrides: Record<string, unknown>) {
  const body = {
    orderNo: `ZGC${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    receivedAt: (await now()).toISOString(),
    kind: "complaint",
    urgency: "general",
    channel: "phone",
    caller: { name: "王五", phone: "13700001111" },
    content: "中关村街道政务服务中心",
    target: { centerId: center },
    ...overrides,
  };
  const raw = JSON.stringify(body);
  const res = await request("POST", "/v1/hotline/work-orders", {
    rawBody: raw,
    headers: {
      "content-type": "application/json",
      ...signedHeaders(stack.hotlineSecret, raw, await now(), "d"),
    },
  });
  expect(res.status).toBe(202);
  return res.body.workOrderId as string;
}
const wo = (id: string, action: string, body: object, role = "admin") =>
  call(role, "POST", `/v1/work-orders/${id}/${action}`, body);

let month: string;
const ratings: Record<string, { id: string; rectificationId?: string }> = {};

beforeAll(async () => {
  forgetTokens();
  month = businessDate(await now()).slice(0, 7);
});

describe("ratings (好差评, art. 52(三))", () => {
  it("takes one rating per visit, names staff only by the center's roster, and opens a rectification for a 差评", async () => {
    for (const [name, windowId, level] of [
      ["r1", A01, "verySatisfied"],
      ["r2", A01, "satisfied"],
      ["r3", B01, "dissatisfied"],
      ["r4", B01, "veryDissatisfied"],
      ["r5", A01, "basicallySatisfied"],
    ] as const) {
      const res = await rate(await completedVisit(windowId), level);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ratings[name] = { id: res.body.rating.id, rectificationId: res.body.rectification?.id };
    }
    expect(ratings.r1!.rectificationId).toBeUndefined();
    expect(ratings.r3!.rectificationId).toMatch(/^rct_/);

    const ticket = await completedVisit(A01);
    expect((await rate(ticket, "satisfied", { staffId: "stf_not_on_roster" })).status).toBe(422);
    expect((await rate(ticket, "satisfied", { dimensions: { guideAccuracy: "satisfied" } })).status).toBe(
      422,
    );
    expect((await rate(ticket, "satisfied")).status).toBe(201);
    expect((await rate(ticket, "dissatisfied")).status).toBe(409);
    expect((await rate("tkt_never_served", "satisfied")).status).toBe(404);
    // The window evaluator runs in a clerk's session of that center; a clerk elsewhere cannot rate its visits.
    const elsewhere = await request("POST", "/v1/evaluations", {
      as: "clerk",
      body: {
        subject: { kind: "ticket", ticketId: await completedVisit(A01) },
        level: "satisfied",
        channel: "windowDevice",
      },
    });
    expect(elsewhere.status).toBe(403);
  });

  it("answers 404 for a case it never heard of (issue 22: known from application.submitted, not a clock)", async () => {
    // Act
    const res = await call("applicant", "POST", "/v1/evaluations", {
      subject: { kind: "application", applicationId: "app_00000000000000000000000000" },
      level: "satisfied",
      dimensions: { efficiency: "satisfied" },
      channel: "app",
    });
    // Assert
    expect(res.status).toBe(404);
  });

  it("excludes a 差评 an appeal upheld, and cancels its rectification", async () => {
    const id = ratings.r4!.id;
    expect(
      (
        await call("admin", "POST", `/v1/evaluations/${ratings.r1!.id}/appeal`, {
          grounds: "mistaken",
          reason: "x",
        })
      ).status,
    ).toBe(422);
    const appealed = await call("admin", "POST", `/v1/evaluations/${id}/appeal`, {
      grounds: "malicious",
      reason: "评价人当日未到窗口办理",
    });
    expect(appealed.body.appeal.state).toBe("pending");
    expect(
      (await call("admin", "POST", `/v1/evaluations/${id}/appeal/decision`, { upheld: true, reason: "x" }))
        .status,
    ).toBe(403);
    // The month's indicators count the ratings from the events (issue 22: not from the rating items)
    const month = businessDate(await now()).slice(0, 7);
    const counted = async () =>
      (await call("supervisor", "GET", `/v1/reports/indicators?centerId=${center}&month=${month}`)).body
        .center.ratings as { total: number; excluded: number };
    await drain();
    const before = await counted();
    expect(before.total).toBeGreaterThanOrEqual(4);
    const decided = await call("supervisor", "POST", `/v1/evaluations/${id}/appeal/decision`, {
      upheld: true,
      reason: "监控显示评价人当日未到场",
    });
    expect(decided.body).toMatchObject({ excluded: true, appeal: { state: "upheld" } });
    await drain();
    expect(await counted()).toMatchObject({ total: before.total - 1, excluded: before.excluded + 1 });
    const cancelled = await call("admin", "GET", `/v1/rectifications?centerId=${center}&state=cancelled`);
    expect((cancelled.body.items as { id: string }[]).map((r) => r.id)).toContain(
      ratings.r4!.rectificationId,
    );
  });

  it("closes a real-name 差评's rectification only after the follow-up call", async () => {
    const id = ratings.r3!.rectificationId!;
    expect(
      (await call("admin", "POST", `/v1/rectifications/${id}/complete`, { measures: "窗口人员培训" })).status,
    ).toBe(422);
    expect(
      (
        await call("admin", "POST", `/v1/rectifications/${id}/follow-up-call`, {
          reached: true,
          notes: "已致歉",
        })
      ).status,
    ).toBe(200);
    // Another center's administration cannot touch it.
    expect(
      (await request("POST", `/v1/rectifications/${id}/complete`, { as: "admin", body: { measures: "x" } }))
        .status,
    ).toBe(403);
  });
});

describe("the month's rates (GET /v1/supervision/rates)", () => {
  it("match a hand computation", async () => {
    // Work orders of the month, all in this center:
    const start = await now();
    // 1. A complaint about window B01, dispatched to the police department, caller reached at sign-for, replied,
    //    followed up: resolved and satisfied.
    const o1 = await hotline({ target: { centerId: center, windowId: B01 } });
    await wo(o1, "dispatch", { centerId: center, departmentId: police });
    await wo(o1, "sign-for", { contactedCallerAt: start.toISOString() });
    await wo(o1, "reply", { text: "已整改", outcome: "resolved" });
    await wo(o1, "follow-up", { reached: true, resolved: true, satisfied: true });
    // 2. A complaint about window A01, kept by the center: replied (the reply reaches the caller), followed up:
    //    not resolved, satisfied.
    const o2 = await hotline({ target: { centerId: center, windowId: A01 } });
    await wo(o2, "dispatch", { centerId: center });
    await wo(o2, "sign-for", {});
    await wo(o2, "reply", { text: "已解释政策", outcome: "explained" });
    await wo(o2, "follow-up", { reached: true, resolved: false, satisfied: true });
    // 3. A consultation replied; the follow-up call did not reach the caller.
    const o3 = await hotline({ kind: "consultation" });
    await wo(o3, "dispatch", { centerId: center });
    await wo(o3, "sign-for", {});
    await wo(o3, "reply", { text: "已答复", outcome: "resolved" });
    await wo(o3, "follow-up", { reached: false });
    // 4. An emergency received three hours ago: never contacted, never replied — both deadlines passed.
    await hotline({
      kind: "help",
      urgency: "emergency",
      receivedAt: new Date(start.getTime() - 3 * 3_600_000).toISOString(),
    });
    // 5. A suggestion just received: its deadlines are ahead, so no rate counts it yet.
    await hotline({ kind: "suggestion" });
    // 6. A complaint made in the center (QR code) about window A01: not yet handled.
    const complaint = await call("applicant", "POST", "/v1/complaints", {
      centerId: center,
      channel: "qrCode",
      about: { kind: "window", windowId: A01 },
      content: "叫号后窗口无人",
    });
    expect(complaint.status).toBe(201);
    await drain();

    const res = await call("supervisor", "GET", `/v1/supervision/rates?centerId=${center}&month=${month}`);
    expect(res.status).toBe(200);
    const r = res.body;
    const ratio = (numerator: number, denominator: number) => ({
      numerator,
      denominator,
      rate: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
    });
    expect(r.workOrders).toEqual({
      received: 6,
      byOrigin: { hotline: 5, center: 1 },
      byKind: { complaint: 3, consultation: 1, help: 1, suggestion: 1 },
      // 1, 2 and 3 reached in time; 4 missed its deadline; 5 and 6 are still within theirs.
      response: ratio(3, 4),
      onTimeReply: ratio(3, 4),
      // Reached by the follow-up call: 1 and 2.
      resolution: ratio(1, 2),
      satisfaction: ratio(2, 2),
    });
    // r1–r5 and the extra visit's rating (satisfied); r4 excluded on appeal.
    expect(r.ratings).toEqual({
      total: 5,
      excluded: 1,
      distribution: {
        verySatisfied: 1,
        satisfied: 2,
        basicallySatisfied: 1,
        dissatisfied: 1,
        veryDissatisfied: 0,
      },
      satisfaction: ratio(4, 5),
      bad: 1,
    });
    expect(r.rectifications).toEqual({ opened: 2, completed: 0, open: 1, cancelled: 1, onTime: ratio(0, 0) });
    const police_ = (r.byDepartment as { departmentId: string }[]).find(
      (d) => d.departmentId === police,
    ) as any;
    expect(police_.workOrders).toMatchObject({ received: 1, response: ratio(1, 1), resolution: ratio(1, 1) });
    expect(r.hotspots.complaints.byWindow).toEqual([
      { key: A01, count: 2 },
      { key: B01, count: 1 },
    ]);
    expect(r.hotspots.badRatings.byWindow).toEqual([{ key: B01, count: 1 }]);

    // Another center's staff cannot read them.
    expect(
      (await request("GET", `/v1/supervision/rates?centerId=${center}&month=${month}`, { as: "supervisor" }))
        .status,
    ).toBe(403);
    expect(
      (await call("supervisor", "GET", `/v1/supervision/rates?centerId=${center}&month=2026-13`)).status,
    ).toBe(400);
  });

  it("counts a completed rectification on time", async () => {
    const id = ratings.r3!.rectificationId!;
    expect(
      (await call("admin", "POST", `/v1/rectifications/${id}/complete`, { measures: "窗口人员培训并致歉" }))
        .body,
    ).toMatchObject({ state: "completed", onTime: true });
    const r = (await call("supervisor", "GET", `/v1/supervision/rates?centerId=${center}&month=${month}`))
      .body;
    expect(r.rectifications).toMatchObject({
      completed: 1,
      open: 0,
      onTime: { numerator: 1, denominator: 1, rate: 1 },
    });
    // The month's indicators count the same, from the events (issue 22: not from the rectification items)
    await drain();
    const indicators = await call(
      "supervisor",
      "GET",
      `/v1/reports/indicators?centerId=${center}&month=${month}`,
    );
    expect(indicators.body.center.rectifications).toEqual(r.rectifications);
    expect(indicators.body.center.ratings).toEqual(r.ratings);
    expect(r.workOrders.received).toBeGreaterThan(0);
    expect(indicators.body.center.hotline).toEqual(r.workOrders);
  });
});

describe("the rectification clock", () => {
  it("warns the center as a 差评's 7 days run on, and stops when it is done", async () => {
    const res = await rate(await completedVisit(B01), "dissatisfied");
    const id = res.body.rectification.id as string;
    await drain();
    const dueAt = new Date(res.body.rectification.dueAt as string);
    await setClock(new Date(dueAt.getTime() - 3 * 86_400_000).toISOString());
    tokens.clear();
    await drain();
    const open = await call("admin", "GET", `/v1/warnings?centerId=${center}&stage=rectification`);
    const mine = (open.body.items as { clockId: string; level: string }[]).filter((w) =>
      w.clockId.startsWith(id),
    );
    expect(mine.map((w) => w.level)).toEqual(["reminder"]);

    await call("admin", "POST", `/v1/rectifications/${id}/follow-up-call`, { reached: true });
    await call("admin", "POST", `/v1/rectifications/${id}/complete`, { measures: "调整窗口排班" });
    await drain();
    const clock = await db.send(
      new QueryCommand({
        TableName: stack.tables.monitoring,
        KeyConditionExpression: "pk = :pk AND sk = :sk",
        ExpressionAttributeValues: { ":pk": `subject#${id}`, ":sk": "clock#rectification" },
      }),
    );
    expect(clock.Items?.[0]).toMatchObject({ state: "stopped", outcome: "completed" });
    const after = await call("admin", "GET", `/v1/warnings?centerId=${center}&stage=rectification`);
    expect((after.body.items as { clockId: string }[]).filter((w) => w.clockId.startsWith(id))).toEqual([]);
  });
});

describe("every real-name 差评 to the 12345 system, and its verification (art. 52)", () => {
  const verify = async (ratingId: string, body: object, signed = true) => {
    const raw = JSON.stringify(body);
    const headers = signed ? signedHeaders(stack.hotlineSecret, raw, await now(), `dlv-${randomUUID()}`) : {};
    return request("POST", `/v1/hotline/evaluations/${ratingId}/verification`, {
      rawBody: raw,
      headers: { "content-type": "application/json", ...headers },
    });
  };
  const handedOver = async (ratingId: string) =>
    (
      (await request("GET", "/_local/hotline/callbacks")).body.callbacks as {
        body: Record<string, unknown>;
      }[]
    )
      .map((c) => c.body)
      .filter((c) => c.ratingId === ratingId);

  it("hands a real-name 差评 to the hotline as a signed callback, and records its verification once", async () => {
    // Arrange: a real-name 差评 and a real-name good rating
    const poor = await rate(await completedVisit(B01), "dissatisfied", { comment: "等候时间过长" });
    const good = await rate(await completedVisit(A01), "satisfied");
    expect(poor.status, JSON.stringify(poor.body)).toBe(201);
    await drain();
    const ratingId = poor.body.rating.id as string;
    const verification = {
      verificationId: `HX-${randomUUID().slice(0, 8)}`,
      outcome: "confirmed",
      verifiedAt: (await now()).toISOString(),
      notes: "已电话联系评价人，情况属实",
    };
    // Act
    const recorded = await verify(ratingId, verification);
    const again = await verify(ratingId, verification);
    const another = await verify(ratingId, { ...verification, verificationId: "HX-other" });
    const unsigned = await verify(ratingId, verification, false);
    const notHanded = await verify(good.body.rating.id, verification);
    // Assert
    expect(await handedOver(ratingId)).toEqual([
      expect.objectContaining({
        type: "poorRating",
        ratingId,
        level: "dissatisfied",
        // B01 is a comprehensive acceptance window: the center itself answers for it
        unit: { centerId: center },
        raterAccountId: "usr_zgc_applicant",
        comment: "等候时间过长",
      }),
    ]);
    expect(await handedOver(good.body.rating.id)).toEqual([]);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body.hotlineVerification).toMatchObject({
      verificationId: verification.verificationId,
      outcome: "confirmed",
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(recorded.body.version);
    expect(another.status).toBe(409);
    expect(unsigned.status).toBe(401);
    expect(notHanded.status).toBe(422);
    expect(notHanded.body.rule).toBe("not-handed-to-hotline");
  });
});

describe("the appeal period (art. 52)", () => {
  it("refuses an appeal after three working days: the 差评 stands, its rectification due", async () => {
    // Arrange
    const res = await rate(await completedVisit(B01), "veryDissatisfied");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ratedAt = new Date(res.body.rating.ratedAt as string);
    await setClock(new Date(ratedAt.getTime() + 14 * 86_400_000).toISOString());
    tokens.clear();
    // Act
    const late = await call("admin", "POST", `/v1/evaluations/${res.body.rating.id}/appeal`, {
      grounds: "mistaken",
      reason: "评价对象有误",
    });
    // Assert
    expect(late.status, JSON.stringify(late.body)).toBe(422);
    expect(late.body).toMatchObject({ rule: "appeal-period", appealBy: expect.any(String) });
    // Three working days after the rating: after it, and well before the fortnight it was appealed in.
    expect(Date.parse(late.body.appealBy)).toBeGreaterThan(ratedAt.getTime() + 3 * 86_400_000 - 1);
    expect(Date.parse(late.body.appealBy)).toBeLessThan(ratedAt.getTime() + 14 * 86_400_000);
    const rating = await call("admin", "GET", `/v1/evaluations/${res.body.rating.id}`);
    expect(rating.body).not.toHaveProperty("appeal");
  });
});
