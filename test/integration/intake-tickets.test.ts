import { randomUUID } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { businessDate, dateOfEpochDay, epochDay } from "#shared/calendar/time-zone.ts";
import { db, drain, request, setClock, stack, type SeedUser } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

/**
 * Queue tickets (art. 13–14, 22) through the local stack. The shared virtual clock only moves forward, so the day is
 * the demo center's first working day after today (D), visited in order: 08:40 (early extended hours), 10:00
 * (legal hours), 20:00 (closed). Tokens are minted again after each move. Each test uses its own items and
 * windows, so tickets other tests leave waiting never match.
 */

let clockMoves = 0;
const tokens = new Map<string, { token: string; moves: number }>();

async function tokenFor(user: SeedUser): Promise<string> {
  const cached = tokens.get(user);
  if (cached?.moves === clockMoves) return cached.token;
  const res = await request("POST", "/_local/token", { body: { user } });
  tokens.set(user, { token: res.body.token, moves: clockMoves });
  return res.body.token;
}

const call = async (user: SeedUser, method: string, path: string, body?: unknown) =>
  request(method, path, { token: await tokenFor(user), body });

async function moveClockTo(at: string) {
  const moved = await setClock(at);
  clockMoves++;
  return moved;
}

const plusDays = (date: string, days: number) => dateOfEpochDay(epochDay(date) + days);

async function nextWorkingDay(): Promise<string> {
  const today = businessDate(new Date((await request("GET", "/_local/clock")).body.now));
  const from = plusDays(today, 1);
  // Provisional years count as well (issue 14): no end of the data to stop at
  const to = plusDays(from, 20);
  const res = await request("GET", `/v1/calendar/workdays?from=${from}&to=${to}&centerId=${seeded.haidian}`);
  const day = res.body.workdays?.[0] as string | undefined;
  if (!day) throw new Error(`No working day between ${from} and ${to}: ${JSON.stringify(res.body)}`);
  return day;
}

const at = (hhmm: string) => `${day}T${hhmm}:00+08:00`;

/** A new item resident at the demo center. */
async function residentItem(appointment?: { mode: "appointmentOnly"; approvalRef: string }) {
  const item = await givenItem();
  await call("admin", "POST", `/v1/items/${item.id}/guides`, guideInput(appointment ? { appointment } : {}));
  await call("admin", "PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, residentStatus());
  return item.id;
}

async function openWindow(type: string, itemIds: string[] = [], more: object = {}): Promise<string> {
  const res = await call("admin", "POST", `/v1/centers/${seeded.haidian}/windows`, {
    code: `Q${randomUUID().slice(0, 6).toUpperCase()}`,
    type,
    itemIds,
    ...more,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const walkIn = (body: object, user: SeedUser = "clerk") => call(user, "POST", "/v1/tickets", body);
const issued = async (body: object) => {
  const res = await walkIn(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; issuedAt: string; priority: string };
};
const callNext = (windowId: string, user: SeedUser = "clerk") =>
  call(user, "POST", `/v1/windows/${windowId}/call-next`, {});
const act = (ticketId: string, action: string, body: object = {}) =>
  call("clerk", "POST", `/v1/tickets/${ticketId}/${action}`, body);
const eventsOf = async (pk: string) =>
  (
    await db.send(
      new QueryCommand({
        TableName: stack.tables.intake,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
        ExpressionAttributeValues: { ":pk": pk, ":evt": "evt#" },
      }),
    )
  ).Items ?? [];

let day: string;
let item: {
  walkIn: string;
  appointmentOnly: string;
  queued: string;
  other: string;
  raced: string;
  moved: string;
};
let windows: { queued: string; raced: [string, string]; moved: [string, string]; consultation: string };
let appointmentId: string;

beforeAll(async () => {
  item = {
    walkIn: await residentItem(),
    appointmentOnly: await residentItem({
      mode: "appointmentOnly",
      approvalRef: "海淀政务服务局〔2026〕预约办理第3号",
    }),
    queued: await residentItem(),
    other: await residentItem(),
    raced: await residentItem(),
    moved: await residentItem(),
  };
  windows = {
    queued: await openWindow("generalAcceptance", [item.queued]),
    raced: [
      await openWindow("generalAcceptance", [item.raced]),
      await openWindow("generalAcceptance", [item.raced]),
    ],
    moved: [
      await openWindow("generalAcceptance", [item.moved]),
      await openWindow("department", [item.moved], {
        departmentId: seeded.haidianDepartment,
      }),
    ],
    consultation: await openWindow("generalConsultation"),
  };
  await drain();
  day = await nextWorkingDay();
  const booked = await call("applicant", "POST", "/v1/appointments", {
    centerId: seeded.haidian,
    itemId: item.queued,
    slotStart: at("10:30"),
    channel: "online",
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  appointmentId = booked.body.id;
});

describe("walk-ins (art. 22)", () => {
  it("accepts a walk-in in extended hours and marks the ticket as such", async () => {
    await moveClockTo(at("08:40"));
    const ticket = await issued({ service: "application", itemId: item.walkIn });
    expect(ticket).toMatchObject({
      extendedHours: true,
      service: "application",
      state: "waiting",
      priority: "standard",
    });
    expect(ticket.number).toMatch(/^B\d{3,}$/);
  });

  it("keeps an appointment-only item to appointments, except through the emergency lane", async () => {
    await moveClockTo(at("10:00"));
    const refused = await walkIn({ service: "application", itemId: item.appointmentOnly });
    const noReason = await walkIn({
      service: "application",
      itemId: item.appointmentOnly,
      lane: "emergency",
    });
    const emergency = await walkIn({
      service: "application",
      itemId: item.appointmentOnly,
      lane: "emergency",
      reason: "证件明日出境前必须办结",
    });
    const legal = await walkIn({ service: "application", itemId: item.walkIn });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ rule: "appointment-only", errors: [{ path: ["lane"] }] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toEqual(["reason"]);
    expect(emergency.status).toBe(201);
    expect(emergency.body).toMatchObject({ lane: "emergency", extendedHours: false });
    expect(legal.body.extendedHours).toBe(false);
  });

  it("names the missing field of a walk-in and refuses an item the center does not handle", async () => {
    const noItem = await walkIn({ service: "application" });
    const unknown = await walkIn({ service: "application", itemId: "itm_01JSEED0000000000000000999" });
    expect(noItem.status).toBe(400);
    expect(noItem.body.errors[0].path).toEqual(["itemId"]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toEqual(["itemId"]);
  });
});

describe("calling tickets (art. 13–14)", () => {
  it("calls a checked-in appointment first, then priority groups, then the rest, first come; only items the window serves", async () => {
    const standard = await issued({ service: "application", itemId: item.queued });
    const elderly = await issued({ service: "application", itemId: item.queued, priorityGroup: "elderly" });
    const elsewhere = await issued({ service: "application", itemId: item.other, priorityGroup: "military" });
    const veteran = await issued({ service: "application", itemId: item.queued, priorityGroup: "military" });
    const checkIn = await call("clerk", "POST", "/v1/tickets", { appointmentId });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
    const queue = await call("clerk", "GET", `/v1/windows/${windows.queued}/queue`);
    const queueSeenByAdmin = await call("admin", "GET", `/v1/windows/${windows.queued}/queue`);
    const called: (string | null)[] = [];
    for (let i = 0; i < 5; i++) called.push((await callNext(windows.queued)).body.ticket?.id ?? null);
    const last = await callNext(windows.queued);
    expect(checkIn.body).toMatchObject({ appointmentId, priority: "appointment" });
    expect(called).toEqual([checkIn.body.id, elderly.id, veteran.id, standard.id, null]);
    // The window's queue view lists what it will call, in the order it calls them, with the counts
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    expect(queue.body.waiting.map((w: { ticketId: string }) => w.ticketId)).toEqual(called.slice(0, 4));
    expect(queue.body).toMatchObject({
      windowId: windows.queued,
      status: "open",
      total: 4,
      byService: { application: 4 },
      byPriority: { appointment: 1, priorityGroup: 2, standard: 1 },
    });
    expect(queue.body.waiting[1]).toMatchObject({ number: elderly.number, priorityGroup: "elderly" });
    expect(queueSeenByAdmin.body.total).toBe(4);
    expect(last.status).toBe(200);
    expect(last.body).toEqual({ ticket: null });
    expect((await call("clerk", "GET", `/v1/tickets/${elsewhere.id}`)).body.state).toBe("waiting");
  });

  it("never gives two windows calling at once the same ticket", async () => {
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await issued({ service: "application", itemId: item.raced }));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => callNext(windows.raced[i % 2]!)));
    const called = results.map((r) => r.body.ticket?.id).filter(Boolean);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(called).toHaveLength(6);
    expect(new Set(called)).toEqual(new Set(tickets.map((t) => t.id)));
    expect(results.filter((r) => r.body.ticket === null)).toHaveLength(4);
  });

  let transferred: { id: string; issuedAt: string };
  let veteran: { id: string };

  it("transfers a ticket to another window, where it is called first, keeping its issue time and priority", async () => {
    const [first, second] = windows.moved;
    const moved = await issued({ service: "application", itemId: item.moved });
    const elderly = await issued({ service: "application", itemId: item.moved, priorityGroup: "elderly" });
    const calledFirst = (await callNext(first)).body.ticket;
    const whileWaiting = await act(moved.id, "transfer", { windowId: second, reason: "需由部门窗口办理" });
    const atFirst = (await callNext(first)).body.ticket;
    await act(moved.id, "serve");
    const sameWindow = await act(moved.id, "transfer", { windowId: first, reason: "原窗口" });
    const sent = await act(moved.id, "transfer", { windowId: second, reason: "需由部门窗口办理" });
    const notAtFirst = (await callNext(first)).body.ticket;
    veteran = await issued({ service: "application", itemId: item.moved, priorityGroup: "military" });
    const atSecond = (await callNext(second)).body.ticket;
    expect(calledFirst.id).toBe(elderly.id); // priority first, although the elderly applicant came second
    expect(whileWaiting.status).toBe(409); // only a called or served ticket moves
    expect(atFirst.id).toBe(moved.id);
    expect(sameWindow.status).toBe(422);
    expect(sameWindow.body.errors[0].path).toEqual(["windowId"]);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      state: "waiting",
      targetWindowId: second,
      issuedAt: moved.issuedAt,
      priority: "standard",
    });
    expect(notAtFirst).toBeNull(); // it waits for the window it was sent to only
    // ahead of the veteran's higher priority: it does not queue again
    expect(atSecond).toMatchObject({
      id: moved.id,
      windowId: second,
      issuedAt: moved.issuedAt,
      state: "called",
    });
    expect(atSecond.transfers).toMatchObject([{ fromWindowId: first, toWindowId: second }]);
    transferred = moved;
  });

  it("serves, completes and records no-shows, with the times supervision needs in the events", async () => {
    const window = windows.moved[1];
    const missing = await issued({ service: "application", itemId: item.moved });
    const prematurely = await act(missing.id, "complete");
    const serving = await act(transferred.id, "serve");
    const done = await act(transferred.id, "complete");
    const next = (await callNext(window)).body.ticket;
    await act(next.id, "serve");
    await act(next.id, "complete");
    const absent = (await callNext(window)).body.ticket;
    const noShow = await act(absent.id, "no-show");
    const events = await eventsOf(`ticket#${transferred.id}`);
    const of = (type: string) => events.filter((e) => e.type === type).map((e) => e.data);
    expect(prematurely.status).toBe(409);
    expect(serving.body).toMatchObject({ state: "serving", servingStartedAt: expect.any(String) });
    expect(done.body).toMatchObject({ state: "completed", windowId: window });
    expect([next.id, absent.id]).toEqual([veteran.id, missing.id]);
    expect(noShow.body).toMatchObject({ state: "noShow", noShowAt: expect.any(String) });
    expect(of("ticket.issued")).toHaveLength(1);
    expect(of("ticket.called").map((d) => [d.windowId, d.transferred])).toEqual([
      [windows.moved[0], false],
      [window, true],
    ]);
    expect(of("ticket.transferred")[0]).toMatchObject({ windowId: windows.moved[0], toWindowId: window });
    expect(of("ticket.serving-started")).toHaveLength(2);
    const completed = of("ticket.completed")[0]!;
    expect(completed).toMatchObject({
      centerId: seeded.haidian,
      windowId: window,
      itemId: item.moved,
      service: "application",
      priority: "standard",
      issuedAt: transferred.issuedAt,
      completedAt: done.body.completedAt,
      servingStartedAt: done.body.servingStartedAt,
    });
    expect(Date.parse(completed.issuedAt) <= Date.parse(completed.calledAt)).toBe(true);
    expect(Date.parse(completed.calledAt) <= Date.parse(completed.servingStartedAt)).toBe(true);
    expect(events.every((e) => !("reason" in e.data))).toBe(true);
  });

  it("shows each call on the public lobby screen by number and window code only, and who waits per service", async () => {
    // Arrange: what the board says now, and the window's code in the hall
    const board = () => request("GET", `/v1/centers/${seeded.haidian}/lobby`);
    const before = (await board()).body;
    const { code } = (await call("clerk", "GET", `/v1/windows/${windows.consultation}/queue`)).body;
    await issued({ service: "consultation" });
    await issued({ service: "consultation" });
    const waiting = (await board()).body;

    // Act: the consultation window calls its next ticket
    const called = (await callNext(windows.consultation)).body.ticket;
    const after = await board();
    const unknown = await request("GET", "/v1/centers/ctr_01JZZZZZZZZZZZZZZZZZZZZZZZ/lobby");

    // Assert: the call first, with its window; one fewer waiting; nothing about anyone
    expect(after.status).toBe(200);
    expect(after.headers.get("cache-control")).toBe("public, max-age=1");
    expect(after.body.calls[0]).toEqual({
      number: called.number,
      windowCode: code,
      service: "consultation",
      calledAt: called.calledAt,
    });
    expect(after.body.calls.length).toBeLessThanOrEqual(8);
    const consultations = (b: { waiting: Record<string, number> }) => b.waiting.consultation ?? 0;
    expect(consultations(waiting)).toBe(consultations(before) + 2);
    expect(consultations(after.body)).toBe(consultations(waiting) - 1);
    expect(after.body.totalWaiting).toBe(
      Object.values(after.body.waiting as Record<string, number>).reduce((a, b) => a + b, 0),
    );
    expect(Object.keys(after.body.calls[0]).sort()).toEqual(["calledAt", "number", "service", "windowCode"]);
    expect(JSON.stringify(after.body)).not.toMatch(/ticketId|tkt_|applicant|idNumber|phone/);
    // …and the counts are the queue's: every waiting entry of the day, per service
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: stack.tables.intake,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `queue#${seeded.haidian}#${after.body.businessDate}` },
      }),
    );
    const counted: Record<string, number> = {};
    for (const entry of Items) counted[entry.ticket.service] = (counted[entry.ticket.service] ?? 0) + 1;
    expect(after.body.waiting).toEqual(counted);
    expect(unknown.status).toBe(404);
  });

  it("acts only in the clerk's own center and at open windows", async () => {
    const ticket = await issued({ service: "consultation" });
    const foreignClerk = await callNext(windows.consultation, "subdistrictClerk");
    const foreignServe = await call("subdistrictClerk", "POST", `/v1/tickets/${ticket.id}/serve`, {});
    const foreignRead = await call("subdistrictClerk", "GET", `/v1/tickets/${ticket.id}`);
    const foreignQueue = await call("subdistrictClerk", "GET", `/v1/windows/${windows.consultation}/queue`);
    await call("admin", "PATCH", `/v1/centers/${seeded.haidian}/windows/${windows.consultation}`, {
      status: "closed",
    });
    await drain();
    const closed = await callNext(windows.consultation);
    expect(foreignClerk.status).toBe(404);
    expect([foreignServe.status, foreignRead.status]).toEqual([403, 403]);
    expect(foreignQueue.status).toBe(404); // another center's window is no window of theirs
    expect(closed.status).toBe(422);
    expect(closed.body.rule).toBe("window-closed");
  });
});

describe("outside service hours (art. 22)", () => {
  it("issues no ticket, not even through the emergency lane", async () => {
    await moveClockTo(at("20:00"));
    const walkInLate = await walkIn({ service: "consultation" });
    const emergency = await walkIn({
      service: "application",
      itemId: item.appointmentOnly,
      lane: "emergency",
      reason: "急需",
    });
    expect(walkInLate.status).toBe(422);
    expect(walkInLate.body.rule).toBe("outside-service-hours");
    expect(emergency.status).toBe(422);
    expect(emergency.body.rule).toBe("outside-service-hours");
  });
});
