import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CITY_CENTER_ID, demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import type { Clock, Level } from "#services/supervision/monitoring/domain/clock.ts";
import { as, db, drain, forgetTokens, request, setClock, stack, useStack } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { startOwnStack, type OwnStack } from "./support/own-stack.ts";
import { seeded } from "./support/seed.ts";

/**
 * Working days that never run out (issue 14): a stack of its own that starts on Monday 2027-01-04, a year nobody has
 * published (the local seed publishes none), then the 2027 schedule published while cases are open.
 */
let own: OwnStack;
let itemId: string;
let cityItemId: string;

/** An example 2027 schedule (not the State Council's real notice): every statutory day, with make-up working days. */
const schedule2027 = {
  holidays: [
    { name: "元旦", from: "2027-01-01", to: "2027-01-03" },
    { name: "春节", from: "2027-02-05", to: "2027-02-11" },
    { name: "清明节", from: "2027-04-03", to: "2027-04-05" },
    { name: "劳动节", from: "2027-05-01", to: "2027-05-05" },
    { name: "端午节", from: "2027-06-09", to: "2027-06-09" },
    { name: "中秋节", from: "2027-09-15", to: "2027-09-15" },
    { name: "国庆节", from: "2027-10-01", to: "2027-10-07" },
  ],
  // A make-up Sunday before the Spring Festival, and the usual Saturdays and Sundays around the long holidays
  makeUpWorkingDays: ["2027-01-31", "2027-02-20", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09"],
  notice: { number: "示例〔2026〕1号", date: "2026-12-20" },
};

beforeAll(async () => {
  own = await startOwnStack(["--start-at", "2027-01-04T09:30:00+08:00"]);
  useStack(own.info);
  // A 20-working-day item of the approver's department, resident (authorized) in Haidian, bookable 30 days ahead.
  const item = await givenItem({ departmentId: seedUsers.approver.departmentId });
  const guide = await as("admin").post(
    `/v1/items/${item.id}/guides`,
    guideInput({
      committedLimitDays: 20,
      materials: [{ name: "申请表", required: true }],
      appointment: { mode: "walkInOrAppointment", slotMinutes: 60, bookAheadDays: 30 },
    }),
  );
  expect(guide.status, JSON.stringify(guide.body)).toBe(201);
  const resident = residentStatus({ authorization: { listRef: "清单第20项", deciders: ["approver"] } });
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, { as: "admin", body: resident });
  itemId = item.id;
  const window = await as("admin").post(`/v1/centers/${seeded.haidian}/windows`, {
    code: "Z27",
    type: "department",
    departmentId: seedUsers.approver.departmentId,
    itemIds: [item.id],
  });
  expect(window.status, JSON.stringify(window.body)).toBe(201);
  // An item a department window of the city center handles (seed data)
  const city = await request("GET", `/v1/centers/${CITY_CENTER_ID}`);
  cityItemId = city.body.windows.find((w: { type: string; itemIds: string[] }) => w.type === "department")
    .itemIds[0];
  await drain();
}, 120_000);

afterAll(async () => {
  await own?.stop();
});

const now = async () => new Date((await request("GET", "/_local/clock")).body.now as string);
async function moveTo(at: string) {
  if (new Date(at).getTime() > (await now()).getTime()) await setClock(at);
  forgetTokens();
  await drain();
}
const mint = async (claims: Record<string, string>) =>
  (await request("POST", "/_local/token", { body: claims })).body.token as string;
const ticket = (token: string, body: Record<string, string>) =>
  request("POST", "/v1/tickets", { token, body });
const slots = (centerId: string, date: string) =>
  as("applicant").get(`/v1/appointments/slots?centerId=${centerId}&itemId=${itemId}&date=${date}`);

type ClockView = Clock & { warnAt?: Record<Level, string> };
async function clocksOf(id: string) {
  const res = await as("clerk").get(`/v1/applications/${id}/clocks`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { clocks: ClockView[]; warnings: { level: Level; stage: string; state: string }[] };
}
const reviewClock = async (id: string) => (await clocksOf(id)).clocks.find((c) => c.stage === "review")!;
const reviewWarnings = async (id: string) =>
  (await clocksOf(id)).warnings.filter((w) => w.stage === "review").map((w) => w.level);

async function submitted() {
  const res = await as("clerk").post("/v1/applications", {
    itemId,
    centerId: seeded.haidian,
    channel: "window",
    applicant: demoApplicants.organisation,
    materials: [{ name: "申请表" }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await drain();
  return res.body.id as string;
}

/** Accepted Monday 2027-01-04 and claimed: 20 working days of review. */
let accepted: string;
/** A correction notice given the same morning, its deadline counted by the policy's 10 working days. */
let corrected: string;
let appointmentId: string;

describe("a year nobody has published (2027): provisional, never refused", () => {
  it("issues a walk-in ticket and says where each year's calendar comes from", async () => {
    // Act
    const walkIn = await as("clerk").post("/v1/tickets", { service: "consultation" });
    const coverage = await request("GET", "/v1/calendar/coverage");
    const year2027 = await request("GET", "/v1/calendar/years/2027");
    const year2026 = await request("GET", "/v1/calendar/years/2026");

    // Assert
    expect(walkIn.status, JSON.stringify(walkIn.body)).toBe(201);
    expect(coverage.body).toMatchObject({ status: "provisional", provisionalYears: [2027] });
    expect(year2027.body).toMatchObject({ year: 2027, source: "provisional", makeUpWorkingDays: [] });
    // 261 weekdays, 7 statutory days on weekdays (1/1, 2/5, 2/8, 4/5, 6/9, 9/15, 10/1)
    expect(year2027.body.workingDays).toBe(254);
    expect(year2027.body.statutoryHolidays).toHaveLength(13);
    expect(year2027.body.holidays.find((h: { name: string }) => h.name === "春节")).toMatchObject({
      from: "2027-02-05",
      to: "2027-02-08",
      festivals: ["springFestival"],
    });
    // 2026 stays the State Council's: 248 working days, the make-up Saturday 2/14, Spring Festival 2/15–2/23
    expect(year2026.body).toMatchObject({ source: "package", workingDays: 248 });
    expect(year2026.body.makeUpWorkingDays).toContain("2026-02-14");
  });

  it("offers slots on its working days, marked provisional", async () => {
    const tuesday = await slots(seeded.haidian, "2027-01-05");
    expect(tuesday.status, JSON.stringify(tuesday.body)).toBe(200);
    expect(tuesday.body.calendar).toBe("provisional");
    expect(tuesday.body.slots.length).toBeGreaterThan(0);
  });

  it("gives a 20-working-day review a provisional due date, and a correction notice a provisional deadline that says so", async () => {
    // Act
    accepted = await submitted();
    const decision = await as("clerk").post(`/v1/applications/${accepted}/acceptance`, {
      outcome: "accepted",
    });
    await drain();
    const claimed = await as("approver").post(`/v1/applications/${accepted}/review/claim`, {});
    corrected = await submitted();
    const notice = await as("clerk").post(`/v1/applications/${corrected}/acceptance`, {
      outcome: "correction",
      items: [{ material: "申请表", reason: "未签字" }],
    });
    await drain();

    // Assert: 1/5–1/29 are 19 working days, Monday 2/1 the 20th → 24:00 of 2/1
    expect(decision.status, JSON.stringify(decision.body)).toBe(200);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(await reviewClock(accepted)).toMatchObject({
      dueAt: "2027-02-01T16:00:00.000Z",
      calendar: "provisional",
    });
    const task = await as("approver").get(`/v1/applications/${accepted}/review`);
    expect(task.body).toMatchObject({ dueAt: "2027-02-01T16:00:00.000Z", dueCalendar: "provisional" });
    // 10 working days after 1/4: Monday 1/18
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    expect(notice.body.application.correction).toMatchObject({
      deadline: "2027-01-18",
      calendar: "provisional",
    });
    // The provisional line, then what the notice rests on (issue 17).
    expect(notice.body.document.body.at(-2)).toContain("按《全国年节及纪念日放假办法》规定的法定节假日推算");
    expect(notice.body.document.body.at(-1)).toMatch(/^依据：《中华人民共和国行政许可法》第三十二条/);
  });

  it("opens the city center on a Sunday for consultation, not for applications; Haidian stays closed", async () => {
    // Arrange: Sunday 2027-01-10, 10:00
    await moveTo("2027-01-10T10:00:00+08:00");
    const cityClerk = await mint({ role: "clerk", centerId: CITY_CENTER_ID, sub: "usr_city_clerk_2027" });

    // Act
    const consultation = await ticket(cityClerk, { service: "consultation" });
    const application = await ticket(cityClerk, { service: "application", itemId: cityItemId });
    const haidian = await as("clerk").post("/v1/tickets", { service: "consultation" });
    const citySlots = await as("applicant").get(
      `/v1/appointments/slots?centerId=${CITY_CENTER_ID}&itemId=${cityItemId}&date=2027-01-10`,
    );

    // Assert
    expect(consultation.status, JSON.stringify(consultation.body)).toBe(201);
    expect(application.status).toBe(422);
    expect(application.body).toMatchObject({ rule: "consultation-and-receipt-only" });
    expect(application.body.errors[0].path).toEqual(["service"]);
    expect(haidian.status).toBe(422);
    expect(haidian.body.rule).toBe("outside-service-hours");
    expect(citySlots.status, JSON.stringify(citySlots.body)).toBe(200);
    expect(citySlots.body.slots).toEqual([]);
  });

  it("raises the review's reminder on the provisional schedule", async () => {
    const { warnAt } = await reviewClock(accepted);
    await moveTo(new Date(Date.parse(warnAt!.reminder) + 60_000).toISOString());
    expect(await reviewWarnings(accepted)).toEqual(["reminder"]);
  });

  it("has no slots on a statutory holiday, and takes a booking on a provisional working day", async () => {
    // Arrange: Wednesday 2027-01-20
    await moveTo("2027-01-20T10:00:00+08:00");

    // Act: 2/8 is 正月初三; 2/9 a provisional working day the notice will make a holiday
    const holiday = await slots(seeded.haidian, "2027-02-08");
    const tuesday = await slots(seeded.haidian, "2027-02-09");
    const booked = await as("applicant").post("/v1/appointments", {
      centerId: seeded.haidian,
      itemId,
      slotStart: tuesday.body.slots[0].start,
      channel: "online",
    });
    await drain();

    // Assert
    expect(holiday.body).toMatchObject({ calendar: "provisional", slots: [] });
    expect(tuesday.body.slots.length).toBeGreaterThan(0);
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    appointmentId = booked.body.id;
  });

  it("opens a Sunday the center chose, for appointments only, and refuses an opening on a working day", async () => {
    // Act: Haidian opens Sunday 1/24 in the morning for appointments; Monday 1/25 is a working day anyway
    const sunday = await as("admin").post(`/v1/centers/${seeded.haidian}/openings`, {
      date: "2027-01-24",
      reason: "开学季集中办理",
      hours: [{ from: "09:00", to: "12:00" }],
      offers: "appointment",
    });
    const monday = await as("admin").post(`/v1/centers/${seeded.haidian}/openings`, {
      date: "2027-01-25",
      reason: "重复",
      hours: [{ from: "09:00", to: "12:00" }],
      offers: "appointment",
    });
    // another district's administration (the city's oversees Haidian and may)
    const foreign = await request("DELETE", `/v1/centers/${seeded.haidian}/openings/2027-01-24`, {
      token: await mint({ role: "admin", centerId: seeded.otherDistrict, sub: "usr_other_admin_openings" }),
    });
    await drain();
    const opened = await slots(seeded.haidian, "2027-01-24");
    const center = await request("GET", `/v1/centers/${seeded.haidian}`);

    // Assert
    expect(sunday.status, JSON.stringify(sunday.body)).toBe(201);
    expect(monday.status).toBe(422);
    expect(monday.body).toMatchObject({ rule: "opening-on-working-day", errors: [{ path: ["date"] }] });
    expect(foreign.status).toBe(403);
    expect(opened.body.slots.map((s: { start: string }) => s.start.slice(11, 16))).toEqual([
      "09:00",
      "10:00",
      "11:00",
    ]);
    expect(opened.body.slots.every((s: { extendedHours: boolean }) => s.extendedHours)).toBe(true);
    expect(center.body.openings).toContainEqual(
      expect.objectContaining({ date: "2027-01-24", offers: "appointment" }),
    );
    // Withdrawn, the Sunday is closed again
    const withdrawn = await request("DELETE", `/v1/centers/${seeded.haidian}/openings/2027-01-24`, {
      as: "admin",
    });
    await drain();
    expect(withdrawn.status).toBe(204);
    expect((await slots(seeded.haidian, "2027-01-24")).body.slots).toEqual([]);
  });
});

describe("publishing the 2027 schedule while cases are open", () => {
  it("refuses a schedule that breaks the rules, one not from the city administration, and a stale version", async () => {
    const missing = { ...schedule2027, holidays: schedule2027.holidays.filter((h) => h.name !== "清明节") };
    const onWeekday = { ...schedule2027, makeUpWorkingDays: ["2027-01-28"] };
    const incomplete = await request("PUT", "/v1/calendar/years/2027", {
      as: "cityAdmin",
      body: { ...missing, version: 0 },
    });
    const weekday = await request("PUT", "/v1/calendar/years/2027", {
      as: "cityAdmin",
      body: { ...onWeekday, version: 0 },
    });
    const district = await request("PUT", "/v1/calendar/years/2027", {
      as: "admin",
      body: { ...schedule2027, version: 0 },
    });
    const stale = await request("PUT", "/v1/calendar/years/2027", {
      as: "cityAdmin",
      body: { ...schedule2027, version: 3 },
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors).toContainEqual({
      path: ["holidays"],
      message: expect.stringContaining("2027-04-05 (清明节"),
    });
    expect(weekday.status).toBe(422);
    expect(weekday.body.errors).toContainEqual({
      path: ["makeUpWorkingDays", 0],
      message: "2027-01-28 is not a Saturday or Sunday",
    });
    expect(district.status).toBe(403);
    expect(stale.status).toBe(409);
  });

  it("moves the open deadlines once, keeps what was printed, and tells the booking on a new holiday", async () => {
    // Arrange
    const before = await reviewClock(accepted);

    // Act
    const published = await request("PUT", "/v1/calendar/years/2027", {
      as: "cityAdmin",
      body: { ...schedule2027, version: 0 },
    });
    await drain();

    // Assert: the published year
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ year: 2027, source: "official", version: 1 });
    // 254 − 2/9, 2/10, 2/11, 5/3, 5/4, 5/5, 10/4–10/7 (10) + 6 make-up days
    expect(published.body.workingDays).toBe(250);
    expect((await request("GET", "/v1/calendar/coverage")).body.status).toBe("ok");
    // The review's deadline moved a day earlier: Sunday 1/31 is worked, so 1/31 is the 20th working day
    const after = await reviewClock(accepted);
    expect(before.dueAt).toBe("2027-02-01T16:00:00.000Z");
    expect(after).toMatchObject({
      dueAt: "2027-01-31T16:00:00.000Z",
      calendar: "official",
      raised: ["reminder"],
    });
    expect([before.warnAt!.red, after.warnAt!.red]).toEqual([before.dueAt, after.dueAt]);
    const moved = await db.send(
      new QueryCommand({
        TableName: stack.tables.monitoring,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
        ExpressionAttributeValues: { ":pk": `subject#${accepted}`, ":evt": "evt#" },
      }),
    );
    const movedEvents = (moved.Items ?? []).filter((i) => i.type === "clock.deadline-moved");
    expect(movedEvents.map((e) => [e.data.stage, e.data.dueAt])).toContainEqual([
      "review",
      "2027-01-31T16:00:00.000Z",
    ]);
    const task = await as("approver").get(`/v1/applications/${accepted}/review`);
    expect(task.body).toMatchObject({ dueAt: "2027-01-31T16:00:00.000Z", dueCalendar: "official" });
    // The correction notice's date is a legal fact: it stays as printed
    const notice = await as("clerk").get(`/v1/applications/${corrected}`);
    expect(notice.body.correction).toMatchObject({ deadline: "2027-01-18", calendar: "provisional" });
    // The booking on 2/9, now a Spring Festival holiday: listed for Haidian, its owner told
    const conflicts = await as("admin").get(`/v1/centers/${seeded.haidian}/appointment-calendar-conflicts`);
    expect(conflicts.body.items.map((a: { id: string }) => a.id)).toEqual([appointmentId]);
    expect(conflicts.body.items[0]).toMatchObject({
      state: "booked",
      calendarConflict: { year: 2027, calendarVersion: 1, holiday: "春节" },
    });
    const foreign = await request("GET", `/v1/centers/${seeded.haidian}/appointment-calendar-conflicts`, {
      token: await mint({ role: "admin", centerId: CITY_CENTER_ID, sub: "usr_city_admin_2027" }),
    });
    expect(foreign.status).toBe(403);
    const inbox = await as("applicant").get("/v1/me/notifications");
    const told = inbox.body.items.filter(
      (n: { templateKey: string }) => n.templateKey === "appointment.calendar-conflict",
    );
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain("春节");
  });

  it("raises the review's yellow and red at their new times, each once, and no reminder again", async () => {
    const { warnAt, dueAt } = await reviewClock(accepted);
    await moveTo(new Date(Date.parse(warnAt!.yellow) + 60_000).toISOString());
    const atYellow = await reviewWarnings(accepted);
    await moveTo(new Date(Date.parse(dueAt!) + 60_000).toISOString());
    expect(atYellow).toEqual(["reminder", "yellow"]);
    expect(await reviewWarnings(accepted)).toEqual(["reminder", "yellow", "red"]);
  });

  it("closes the city center for the Spring Festival, Sunday included", async () => {
    await moveTo("2027-02-07T10:00:00+08:00");
    const cityClerk = await mint({ role: "clerk", centerId: CITY_CENTER_ID, sub: "usr_city_clerk_2027b" });
    const consultation = await ticket(cityClerk, { service: "consultation" });
    expect(consultation.status).toBe(422);
    expect(consultation.body.rule).toBe("outside-service-hours");
  });

  it("offers no slots on a public-holiday Saturday, the legal hours on a make-up Saturday, Saturday hours otherwise", async () => {
    // Arrange: Monday 2027-04-26
    await moveTo("2027-04-26T10:00:00+08:00");

    // Act
    const labourDay = await slots(seeded.haidian, "2027-05-01");
    const makeUp = await slots(seeded.haidian, "2027-05-08");
    const plain = await slots(seeded.haidian, "2027-05-15");

    // Assert
    expect(labourDay.body).toMatchObject({ calendar: "official", slots: [] });
    expect(makeUp.body.slots.length).toBeGreaterThan(0);
    // Haidian's legal hours are 9:00–17:00, with early and late hours by appointment around them
    const legal = makeUp.body.slots.filter((s: { extendedHours: boolean }) => !s.extendedHours);
    expect(legal.map((s: { start: string }) => s.start.slice(11, 16))).toEqual([
      "09:00",
      "10:00",
      "11:00",
      "12:00",
      "13:00",
      "14:00",
      "15:00",
      "16:00",
    ]);
    expect(plain.body.slots.length).toBeGreaterThan(0);
    expect(plain.body.slots.every((s: { extendedHours: boolean }) => s.extendedHours)).toBe(true);
  });

  it("takes a correction from the operator's one command: version 2, with the days it changes", async () => {
    // Arrange: the notice corrected — the Dragon Boat holiday runs Wednesday to Friday
    const corrected = {
      ...schedule2027,
      holidays: schedule2027.holidays.map((h) =>
        h.name === "端午节" ? { ...h, from: "2027-06-09", to: "2027-06-11" } : h,
      ),
    };
    const file = join(mkdtempSync(join(tmpdir(), "calendar-")), "2027.json");
    writeFileSync(file, JSON.stringify(corrected));
    const run = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "scripts/publish-calendar.ts", "2027", file, "--api", stack.url, ...args],
        { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } },
      );

    // Act
    const dryRun = await run("--dry-run");
    const published = await run();
    await drain();
    const year = await request("GET", "/v1/calendar/years/2027");

    // Assert
    expect(dryRun.stdout).toContain("2027: would publish — 248 working days (was 250, official)");
    expect(published.stdout.split("\n")).toEqual([
      "2027: published version 2 — 248 working days (was 250, official)",
      "  2027-06-10 is now a rest day",
      "  2027-06-11 is now a rest day",
      "",
    ]);
    expect(year.body).toMatchObject({ source: "official", version: 2, workingDays: 248 });
  });
});
