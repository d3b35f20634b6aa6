import { randomUUID } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { businessDate, dateOfEpochDay, epochDay } from "#shared/calendar/time-zone.ts";
import { seedUsers } from "#infra/local/seed-data.ts";
import { retryOnTransactionConflict } from "#services/intake/adapters/appointment-store.ts";
import { SlotFullError } from "#services/intake/domain/appointments.ts";
import { db, drain, request, setClock, stack, type SeedUser } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

/**
 * Appointments (art. 22) through the local stack. The virtual clock is shared by every file and only moves forward,
 * so dates are chosen from it: the demo center's first working day after today (D). Bookings happen first; the
 * tests that move the clock (check-in, no-shows) come last, and tokens are minted again after each move.
 */

let clockMoves = 0;
const tokens = new Map<string, { token: string; moves: number }>();

async function tokenFor(who: SeedUser | { role: "applicant"; sub: string }): Promise<string> {
  const key = typeof who === "string" ? who : who.sub;
  const cached = tokens.get(key);
  if (cached?.moves === clockMoves) return cached.token;
  const res = await request("POST", "/_local/token", { body: typeof who === "string" ? { user: who } : who });
  tokens.set(key, { token: res.body.token, moves: clockMoves });
  return res.body.token;
}

const call = async (who: Parameters<typeof tokenFor>[0], method: string, path: string, body?: unknown) =>
  request(method, path, { token: await tokenFor(who), body });

async function moveClockTo(at: string) {
  const moved = await setClock(at);
  clockMoves++;
  return moved;
}

const now = async () => new Date((await request("GET", "/_local/clock")).body.now);
const plusDays = (date: string, days: number) => dateOfEpochDay(epochDay(date) + days);

/**
 * The demo center's first working day after the current virtual date (closures included). Other files may have moved
 * the shared clock into a year whose schedule is provisional (issue 14): working days go on all the same.
 */
async function nextWorkingDay(): Promise<string> {
  const from = plusDays(businessDate(await now()), 1);
  const to = plusDays(from, 20);
  const res = await request("GET", `/v1/calendar/workdays?from=${from}&to=${to}&centerId=${seeded.haidian}`);
  const day = res.body.workdays?.[0] as string | undefined;
  if (!day) throw new Error(`No working day between ${from} and ${to}: ${JSON.stringify(res.body)}`);
  return day;
}

const slotAt = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const other = { role: "applicant" as const, sub: `usr_other_${randomUUID().slice(0, 8)}` };

let itemId: string;
let day: string;
let capacity: number;
/** The ten appointments of the full 10:00 slot. */
let fullSlot: string[] = [];

const slots = async (date = day, item = itemId) =>
  request("GET", `/v1/appointments/slots?centerId=${seeded.haidian}&itemId=${item}&date=${date}`);
const placesAt = async (start: string) =>
  (await slots()).body.slots.find((s: { start: string }) => s.start === start);
const book = (slotStart: string, who: Parameters<typeof tokenFor>[0] = "applicant", extra: object = {}) =>
  call(who, "POST", "/v1/appointments", {
    centerId: seeded.haidian,
    itemId,
    slotStart,
    channel: who === "clerk" ? "phone" : "online",
    ...extra,
  });
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

/** Open windows serving the item until its slots have exactly ten places (others may already serve every item). */
async function tenPlaces(): Promise<number> {
  const before = (await slots()).body.slots[0].capacity as number;
  for (let i = before; i < 10; i++) {
    const res = await call("admin", "POST", `/v1/centers/${seeded.haidian}/windows`, {
      code: `P${randomUUID().slice(0, 6).toUpperCase()}`,
      type: "generalAcceptance",
      itemIds: [itemId],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  await drain();
  return (await slots()).body.slots[0].capacity as number;
}

beforeAll(async () => {
  const item = await givenItem();
  await call(
    "admin",
    "POST",
    `/v1/items/${item.id}/guides`,
    guideInput({ appointment: { mode: "walkInOrAppointment", slotMinutes: 30, bookAheadDays: 14 } }),
  );
  await call("admin", "PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, residentStatus());
  await drain();
  itemId = item.id;
  day = await nextWorkingDay();
  capacity = await tenPlaces();
});

describe("appointment slots (art. 22)", () => {
  it("lists slots in legal and extended hours with their capacity, booked and remaining places", async () => {
    const res = await slots();
    const byTime = (hhmm: string) =>
      res.body.slots.find((s: { start: string }) => s.start === slotAt(day, hhmm));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ centerId: seeded.haidian, itemId, date: day, slotMinutes: 30 });
    // Haidian: early 08:30–09:00 and late 17:00–19:00 extended hours around 09:00–17:00
    expect(byTime("08:30")).toMatchObject({ extendedHours: true, end: slotAt(day, "09:00") });
    expect(byTime("09:00")).toMatchObject({
      extendedHours: false,
      capacity: 10,
      booked: 0,
      remaining: 10,
      bookable: true,
    });
    expect(byTime("18:30")).toMatchObject({ extendedHours: true, end: slotAt(day, "19:00") });
    expect(res.body.slots).toHaveLength(1 + 16 + 4);
    expect(capacity).toBe(10);
  });

  it("refuses a past date, a date beyond the book-ahead days, and an item the center does not handle, naming the field", async () => {
    const today = businessDate(await now());
    const past = await slots(plusDays(today, -1));
    const tooFar = await slots(plusDays(today, 15));
    const elsewhere = await request(
      "GET",
      `/v1/appointments/slots?centerId=${seeded.otherDistrict}&itemId=${itemId}&date=${day}`,
    );
    const unknown = await request(
      "GET",
      `/v1/appointments/slots?centerId=ctr_01JSEED0000000000000000999&itemId=${itemId}&date=${day}`,
    );
    expect(past.status).toBe(422);
    expect(past.body.errors[0].path).toEqual(["query", "date"]);
    expect(tooFar.status).toBe(422);
    expect(tooFar.body).toMatchObject({ rule: "book-ahead-limit", errors: [{ path: ["query", "date"] }] });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors[0].path).toEqual(["query", "itemId"]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toEqual(["query", "centerId"]);
  });
});

describe("booking (art. 22)", () => {
  it("never exceeds a slot's capacity: 50 people booking its 10 places at once get exactly 10", async () => {
    const start = slotAt(day, "10:00");
    const results = await Promise.all(Array.from({ length: 50 }, () => book(start)));
    const booked = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(booked).toHaveLength(10);
    expect(refused.map((r) => r.status)).toEqual(Array(40).fill(409));
    expect(refused[0]!.body).toMatchObject({
      type: "urn:govservice:problem:slot-full",
      slotStart: start,
      capacity: 10,
    });
    expect(refused[0]!.body.detail).toContain("full");
    expect(await placesAt(start)).toMatchObject({ capacity: 10, booked: 10, remaining: 0, bookable: false });
    expect(new Set(booked.map((r) => r.body.id)).size).toBe(10);
    fullSlot = booked.map((r) => r.body.id);
  });

  it("moves the counts when rescheduling and cancelling, and refuses a move into a full slot", async () => {
    const [from, to, full] = [slotAt(day, "11:00"), slotAt(day, "11:30"), slotAt(day, "10:00")];
    const appointment = (await book(from)).body;
    const afterBooking = await placesAt(from);
    const moved = await call("applicant", "POST", `/v1/appointments/${appointment.id}/reschedule`, {
      slotStart: to,
    });
    const [fromAfterMove, toAfterMove] = [await placesAt(from), await placesAt(to)];
    const intoFull = await call("applicant", "POST", `/v1/appointments/${appointment.id}/reschedule`, {
      slotStart: full,
    });
    const cancelled = await call("applicant", "POST", `/v1/appointments/${appointment.id}/cancel`, {});
    const again = await call("applicant", "POST", `/v1/appointments/${appointment.id}/cancel`, {});
    expect(afterBooking.booked).toBe(1);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ slotStart: to, rescheduledFrom: [from], version: 2 });
    expect([fromAfterMove.booked, toAfterMove.booked]).toEqual([0, 1]);
    expect(intoFull.status).toBe(409);
    expect(intoFull.body.type).toBe("urn:govservice:problem:slot-full");
    expect((await placesAt(full)).booked).toBe(10);
    expect(cancelled.body).toMatchObject({ state: "cancelled", slotStart: to });
    expect((await placesAt(to)).booked).toBe(0);
    expect(again.status).toBe(409);
  });

  it("refuses a time that is not a slot, naming the field", async () => {
    const res = await book(slotAt(day, "10:10"));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ rule: "not-a-slot", errors: [{ path: ["slotStart"] }] });
  });
});

describe("a booking that only lost a race", () => {
  // DynamoDB cancels one of two transactions touching the same counter at once (TransactionConflict). DynamoDB Local
  // serialises transactions and never does, so the store's retry is exercised here with that cancellation.
  const lostRace = () => {
    const error = new TransactionCanceledException({ message: "Transaction cancelled", $metadata: {} });
    error.CancellationReasons = [{ Code: "TransactionConflict" }, { Code: "None" }, { Code: "None" }];
    return error;
  };

  it("is tried again after a random pause, and refused with a retryable 409 only after several losses", async () => {
    let calls = 0;
    const booked = await retryOnTransactionConflict(async () => {
      if (++calls < 3) throw lostRace();
      return "booked";
    });
    let losses = 0;
    const givenUp = retryOnTransactionConflict(async () => {
      losses++;
      throw lostRace();
    }, 4);
    await expect(givenUp).rejects.toMatchObject({ code: "conflict", extensions: { retryable: true } });
    expect([booked, calls, losses]).toEqual(["booked", 3, 4]);
  });

  it("is not retried when a condition refused it: a full slot is the answer", async () => {
    let calls = 0;
    const full = new SlotFullError("2026-12-02T10:00:00+08:00", 10);
    const refused = retryOnTransactionConflict(async () => {
      calls++;
      throw full;
    });
    await expect(refused).rejects.toBe(full);
    expect(calls).toBe(1);
  });
});

describe("who owns an appointment", () => {
  it("lets a clerk book by phone for an applicant's account, which then sees it among its own", async () => {
    const res = await book(slotAt(day, "13:00"), "clerk", { applicantUserId: seedUsers.applicant.sub });
    const mine = await call("applicant", "GET", "/v1/me/appointments?limit=100");
    const read = await call("applicant", "GET", `/v1/appointments/${res.body.id}`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ownerId: seedUsers.applicant.sub,
      channel: "phone",
      bookedBy: { role: "clerk" },
    });
    expect(read.status).toBe(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
    expect(mine.body.items.every((a: { ownerId: string }) => a.ownerId === seedUsers.applicant.sub)).toBe(
      true,
    );
  });

  it("keeps an applicant out of others' appointments, and staff out of other centers'", async () => {
    const mine = (await book(slotAt(day, "13:30"))).body;
    const forNobody = (await book(slotAt(day, "14:00"), "clerk")).body;
    const byOther = await call(other, "GET", `/v1/appointments/${mine.id}`);
    const cancelByOther = await call(other, "POST", `/v1/appointments/${mine.id}/cancel`, {});
    const ownerless = await call("applicant", "GET", `/v1/appointments/${forNobody.id}`);
    const clerkReads = await call("clerk", "GET", `/v1/appointments/${forNobody.id}`);
    const elsewhere = await call("subdistrictClerk", "GET", `/v1/appointments/${mine.id}`);
    const otherList = await call(other, "GET", "/v1/me/appointments");
    expect(forNobody.ownerId).toBeUndefined();
    expect([byOther.status, cancelByOther.status, ownerless.status, elsewhere.status]).toEqual([
      403, 403, 403, 403,
    ]);
    expect(clerkReads.status).toBe(200);
    expect(otherList.body.items).toEqual([]);
  });

  it("takes phone bookings only from staff, and staff bookings only for their own center", async () => {
    const byPhone = await book(slotAt(day, "14:30"), "applicant", { channel: "phone" });
    const elsewhere = await call("subdistrictClerk", "POST", "/v1/appointments", {
      centerId: seeded.haidian,
      itemId,
      slotStart: slotAt(day, "14:30"),
      channel: "phone",
    });
    expect(byPhone.status).toBe(422);
    expect(byPhone.body.errors[0].path).toEqual(["channel"]);
    expect(elsewhere.status).toBe(403);
  });
});

describe("check-in and no-shows (art. 22)", () => {
  let checkedIn: { id: string };
  let missed: { id: string };
  let later: { id: string };

  beforeAll(async () => {
    missed = (await book(slotAt(day, "12:00"))).body;
    later = (await book(slotAt(day, "16:00"))).body;
  });

  it("checks in at the center within its window and issues a ticket with appointment priority", async () => {
    checkedIn = { id: fullSlot[0]! };
    await moveClockTo(slotAt(day, "09:20"));
    const early = await call("clerk", "POST", `/v1/appointments/${checkedIn.id}/check-in`, {});
    const comingBefore = await call("clerk", "GET", `/v1/centers/${seeded.haidian}/appointments?date=${day}`);
    const foreignList = await call(
      "subdistrictClerk",
      "GET",
      `/v1/centers/${seeded.haidian}/appointments?date=${day}`,
    );
    await moveClockTo(slotAt(day, "09:45"));
    const elsewhere = await call("subdistrictClerk", "POST", `/v1/appointments/${checkedIn.id}/check-in`, {});
    const res = await call("clerk", "POST", `/v1/appointments/${checkedIn.id}/check-in`, {});
    const twice = await call("clerk", "POST", `/v1/appointments/${checkedIn.id}/check-in`, {});
    const comingAfter = await call("clerk", "GET", `/v1/centers/${seeded.haidian}/appointments?date=${day}`);
    const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((a) => a.id);
    // The window's list of who is coming today: by slot time, the checked-in one gone from it
    expect(ids(comingBefore)).toEqual(expect.arrayContaining([checkedIn.id, missed.id, later.id]));
    expect(ids(comingBefore).indexOf(missed.id)).toBeLessThan(ids(comingBefore).indexOf(later.id));
    expect(comingBefore.body.items.every((a: { centerId: string }) => a.centerId === seeded.haidian)).toBe(
      true,
    );
    expect(ids(comingAfter)).not.toContain(checkedIn.id);
    expect(foreignList.status).toBe(403);
    expect(early.status).toBe(422);
    expect(early.body.rule).toBe("check-in-too-early");
    expect(elsewhere.status).toBe(403);
    expect(res.status).toBe(201);
    expect(res.body.appointment).toMatchObject({ state: "checkedIn", ticketId: res.body.ticket.id });
    expect(res.body.ticket).toMatchObject({
      appointmentId: checkedIn.id,
      priority: "appointment",
      service: "application",
      itemId,
      state: "waiting",
      businessDate: day,
    });
    expect(res.body.ticket.number).toMatch(/^Y\d{3,}$/);
    expect(twice.status).toBe(409);
  });

  it("marks the appointments nobody checked in for as no-shows when the schedule runs after the grace period", async () => {
    const moved = await moveClockTo(slotAt(day, "12:16"));
    const rerun = await request("POST", "/_local/schedules/intake-no-shows/run");
    const [missedNow, checkedInNow, laterNow, sameSlotNow] = await Promise.all(
      [missed, checkedIn, later, { id: fullSlot[1]! }].map(
        async (a) => (await call("clerk", "GET", `/v1/appointments/${a.id}`)).body,
      ),
    );
    const events = await eventsOf(`appt#${missed.id}`);
    expect(moved.fired).toContainEqual(expect.objectContaining({ schedule: "intake-no-shows", ok: true }));
    expect(rerun.body.ok).toBe(true);
    expect(missedNow).toMatchObject({ state: "noShow", version: 2 });
    expect(checkedInNow.state).toBe("checkedIn");
    expect(sameSlotNow.state).toBe("noShow");
    expect(laterNow.state).toBe("booked");
    expect(events.filter((e) => e.type === "appointment.no-show")).toHaveLength(1);
  });

  it("writes each change with its event: ids and times, no personal data", async () => {
    const appointment = (await call("clerk", "GET", `/v1/appointments/${checkedIn.id}`)).body;
    const events = await eventsOf(`appt#${checkedIn.id}`);
    const ticketEvents = await eventsOf(`ticket#${appointment.ticketId}`);
    const booked = events.find((e) => e.type === "appointment.booked")!;
    const checkIn = events.find((e) => e.type === "appointment.checked-in")!;
    expect(booked.data).toMatchObject({
      appointmentId: checkedIn.id,
      centerId: seeded.haidian,
      itemId,
      slotStart: slotAt(day, "10:00"),
      slotEnd: slotAt(day, "10:30"),
      channel: "online",
      ownerId: seedUsers.applicant.sub,
      bookedAt: appointment.bookedAt,
    });
    expect(checkIn.data).toMatchObject({
      ticketId: appointment.ticketId,
      checkedInAt: appointment.checkedInAt,
    });
    expect(ticketEvents.map((e) => e.type)).toEqual(["ticket.issued"]);
    expect(ticketEvents[0]!.data).toMatchObject({ appointmentId: checkedIn.id, priority: "appointment" });
    expect(ticketEvents[0]!.data.issuedAt).toBe(appointment.checkedInAt);
  });
});
