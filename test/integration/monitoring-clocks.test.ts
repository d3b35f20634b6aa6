import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { demoApplicants, seedUsers, staff } from "#infra/local/seed-data.ts";
import type { Clock, Level } from "#services/supervision/monitoring/domain/clock.ts";
import { WorkingCalendar } from "#shared/calendar/working-days.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { as, db, drain, forgetTokens, request, setClock, stack } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { seeded } from "./support/seed.ts";

/** An item of the approver's department with a 3-working-day committed limit, authorized in the Haidian center. */
let itemId: string;

beforeAll(async () => {
  const item = await givenItem({ departmentId: seedUsers.approver.departmentId });
  await as("admin").post(
    `/v1/items/${item.id}/guides`,
    guideInput({
      committedLimitDays: 3,
      materials: [
        { name: "申请表", required: true },
        { name: "平面图", required: true, tolerable: true },
      ],
    }),
  );
  await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus({ authorization: { listRef: "清单第12项", deciders: ["approver"] } }),
  });
  itemId = item.id;
  await drain();
});

const now = async () => new Date((await request("GET", "/_local/clock")).body.now as string);

/** Move the virtual clock (which fires the sweep) and let every event flow. */
async function moveTo(at: string | Date) {
  const target = new Date(at);
  if (target.getTime() > (await now()).getTime()) await setClock(target.toISOString());
  forgetTokens();
  await drain();
}
const plusMinutes = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000);

async function submitted(materials = [{ name: "申请表" }, { name: "平面图" }]) {
  const res = await as("clerk").post("/v1/applications", {
    itemId,
    centerId: seeded.haidian,
    channel: "window",
    applicant: demoApplicants.organisation,
    materials,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await drain();
  return res.body.id as string;
}

/** Accepted by the clerk and claimed by the approver, who then handles the review stage. */
async function acceptedAndClaimed() {
  const id = await submitted();
  const accepted = await as("clerk").post(`/v1/applications/${id}/acceptance`, { outcome: "accepted" });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  await drain();
  const claimed = await as("approver").post(`/v1/applications/${id}/review/claim`, {});
  expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
  await drain();
  return id;
}

type ClockView = Clock & { overdue: boolean; elapsedWorkingDays?: number; warnAt?: Record<Level, string> };
type WarningView = { level: string; stage: string; recipients: string[]; state: string; round: number };

async function clocksOf(id: string, who: "clerk" | "applicant" = "clerk") {
  const res = await as(who).get(`/v1/applications/${id}/clocks`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { clocks: ClockView[]; warnings: WarningView[] };
}
const clockOf = async (id: string, stage: string) =>
  (await clocksOf(id)).clocks.find((c) => c.stage === stage)!;

/** A case's open warning in the center's list, paging through it (other tests leave many open). */
async function openWarningOf(id: string, filter: string) {
  let cursor: string | undefined;
  do {
    const page = await as("admin").get(
      `/v1/warnings?${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const found = page.body.items.find((w: { subjectId: string }) => w.subjectId === id);
    if (found) return found as WarningView;
    cursor = page.body.nextCursor;
  } while (cursor);
  return undefined;
}

/** Supervision's events about a case, as stored (its outbox). */
async function supervisionEvents(id: string, type: string, table = stack.tables.monitoring) {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
      ExpressionAttributeValues: { ":pk": `subject#${id}`, ":evt": "evt#" },
    }),
  );
  return Items.filter((e) => e.type === type);
}

describe("full-process clocks (art. 21)", () => {
  it("starts the acceptance and whole-case clocks at the materials' arrival, and the review clock at acceptance", async () => {
    // Arrange
    const id = await submitted();
    // Act
    const before = await clocksOf(id);
    await as("clerk").post(`/v1/applications/${id}/acceptance`, { outcome: "accepted" });
    await drain();
    const after = await clocksOf(id);
    // Assert
    expect(before.clocks.map((c) => [c.stage, c.state])).toEqual([
      ["case", "running"],
      ["acceptance", "running"],
    ]);
    const acceptance = before.clocks.find((c) => c.stage === "acceptance")!;
    expect(acceptance.limit).toEqual({ unit: "workingDays", amount: 5 });
    const byStage = Object.fromEntries(after.clocks.map((c) => [c.stage, c]));
    expect(byStage.acceptance).toMatchObject({ state: "stopped", outcome: "accepted" });
    expect(byStage.review).toMatchObject({ state: "running", limit: { unit: "workingDays", amount: 3 } });
    expect(byStage.case!.limit).toEqual({ unit: "workingDays", amount: 5 + 3 + 10 });
  });

  it("keeps other applicants and other centers' staff out of a case's clocks", async () => {
    const id = await submitted();
    const stranger = await request("POST", "/_local/token", {
      body: { role: "applicant", sub: "usr_stranger" },
    });
    const otherApplicant = await request("GET", `/v1/applications/${id}/clocks`, {
      token: stranger.body.token,
    });
    const otherCenter = await as("subdistrictClerk").get(`/v1/applications/${id}/clocks`);
    expect(otherApplicant.status).toBe(403);
    expect(otherCenter.status).toBe(403);
  });
});

describe("tiered warnings raised by the sweep (DOMAIN.md)", () => {
  it("raises reminder, yellow and red in order, each once, to the handler, the chief representative and the administration", async () => {
    // Arrange: a review with a 3-working-day limit, handled by the approver who claimed it
    const id = await acceptedAndClaimed();
    const review = await clockOf(id, "review");
    const instants = review.warnAt!;
    const seen: WarningView[][] = [];
    // Act: step just past each level, then past it again
    for (const level of ["reminder", "yellow", "red"] as const) {
      await moveTo(plusMinutes(instants[level], -2));
      const early = (await clocksOf(id)).warnings.filter((w) => w.stage === "review");
      await moveTo(plusMinutes(instants[level], 2));
      await moveTo(plusMinutes(instants[level], 30));
      seen.push(
        early,
        (await clocksOf(id)).warnings.filter((w) => w.stage === "review"),
      );
    }
    // Assert
    const levels = seen.map((ws) => ws.map((w) => `${w.level}:${w.state}`));
    expect(levels).toEqual([
      [],
      ["reminder:open"],
      ["reminder:open"],
      ["reminder:superseded", "yellow:open"],
      ["reminder:superseded", "yellow:open"],
      ["reminder:superseded", "yellow:superseded", "red:open"],
    ]);
    const [reminder, yellow, red] = seen[5]!;
    const { approver, chiefRep, admin } = seedUsers;
    expect(reminder!.recipients).toEqual([approver.sub]);
    expect(yellow!.recipients).toEqual([approver.sub, chiefRep.sub]);
    expect(red!.recipients).toEqual([approver.sub, chiefRep.sub, admin.sub]);
    const raised = await supervisionEvents(id, "clock.warning-raised");
    expect(raised.filter((e) => e.data.stage === "review").map((e) => e.data.level)).toEqual([
      "reminder",
      "yellow",
      "red",
    ]);
    // Delivery turned them into staff notifications, and told the applicant at red (the committed limit passed).
    const inbox = await as("chiefRep").get("/v1/me/notifications?limit=100");
    const aboutCase = inbox.body.items.filter((n: { body: string }) => n.body.includes(id));
    expect(aboutCase.map((n: { templateKey: string }) => n.templateKey)).toContain("staff.warning");
    // In Chinese, in Beijing time, with the stage's name — never an internal code or a UTC instant (issue 17).
    const redWarning = aboutCase.find((n: { body: string }) => n.body.startsWith("【红灯】"))!;
    const redText = redWarning.body as string;
    // The same facts, structured, for a console to sort and colour by.
    const redRaised = raised.find((e) => e.data.stage === "review" && e.data.level === "red")!;
    expect(redWarning.warning).toEqual({
      level: "red",
      stage: "review",
      dueAt: redRaised.data.dueAt,
      applicationId: id,
    });
    expect(redText).toMatch(
      /^【红灯】审查时限预警：申请app_\w+，办理时限截止\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）。$/,
    );
    // The case's notifications are what its applicant was sent (the overdue notice), no staff warning.
    const sentAboutCase = (await as("clerk").get(`/v1/applications/${id}/notifications?limit=100`)).body
      .items as { templateKey: string; recipient: { kind: string } }[];
    expect(sentAboutCase.map((n) => n.templateKey)).toContain("clock.warning-raised");
    expect(
      sentAboutCase.filter((n) => n.templateKey === "staff.warning" || n.recipient.kind === "staff"),
    ).toEqual([]);
    expect((await clockOf(id, "review")).overdue).toBe(true);
    // The case went overdue in the approver's hands: it counts in their month for appraisal (art. 45).
    const month = businessDate(new Date(redRaised.data.raisedAt)).slice(0, 7);
    const appraisal = await as("admin").get(`/v1/centers/${seeded.haidian}/staff-appraisal?month=${month}`);
    expect(appraisal.status, JSON.stringify(appraisal.body)).toBe(200);
    const approverStaffId = staff.find((s) => s.input.userId === approver.sub)!.id;
    expect(
      appraisal.body.staff.find((r: { staffId: string }) => r.staffId === approverStaffId)?.overdueCases,
    ).toBeGreaterThanOrEqual(1);
  });

  it("lists a center's open warnings, most urgent first, and clears them when the clock stops", async () => {
    // Arrange: a review in the Haidian center past half its time
    const id = await acceptedAndClaimed();
    const review = await clockOf(id, "review");
    await moveTo(plusMinutes(review.warnAt!.reminder, 5));
    // Act
    const open = await openWarningOf(id, "level=reminder&stage=review");
    const decided = await as("approver").post(`/v1/applications/${id}/decision`, { decision: "approved" });
    await drain();
    const afterwards = await openWarningOf(id, "level=reminder&stage=review");
    const otherCenter = await as("subdistrictClerk").get(`/v1/warnings?centerId=${seeded.haidian}`);
    const all = await as("admin").get("/v1/warnings?limit=100");
    // Assert
    expect(open).toMatchObject({ level: "reminder", stage: "review", state: "open" });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(afterwards).toBeUndefined();
    const states = (await clocksOf(id)).warnings.filter((w) => w.stage === "review").map((w) => w.state);
    expect(states).toEqual(["cleared"]);
    expect(otherCenter.status).toBe(403);
    const order = { red: 0, yellow: 1, reminder: 2 } as const;
    const levels = all.body.items.map((w: { level: keyof typeof order }) => order[w.level]);
    expect(levels).toEqual([...levels].sort((a: number, b: number) => a - b));
    const delivery = await clockOf(id, "delivery");
    expect(delivery).toMatchObject({ state: "running", limit: { unit: "workingDays", amount: 10 } });
  });

  it("stops warning during a special procedure, and moves the deadline by the time it took (行政许可法 art. 45)", async () => {
    // Arrange
    const id = await acceptedAndClaimed();
    const before = await clockOf(id, "review");
    const started = await as("approver").post(`/v1/applications/${id}/special-procedures`, {
      kind: "inspection",
      expectedWorkingDays: 5,
      reason: "需现场核查经营场所",
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    await drain();
    // Act: far past the review's original deadline while the procedure runs
    await moveTo(plusMinutes(before.dueAt!, 60));
    const during = await clocksOf(id);
    const procedureId = started.body.procedures.at(-1).id as string;
    const completed = await as("approver").post(
      `/v1/applications/${id}/special-procedures/${procedureId}/complete`,
      { summary: "核查完毕，场所符合要求" },
    );
    await drain();
    const after = await clockOf(id, "review");
    // Assert
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(during.clocks.find((c) => c.stage === "review")!.state).toBe("paused");
    expect(during.warnings.filter((w) => w.stage === "review")).toEqual([]);
    expect(during.clocks.find((c) => c.stage === "procedure")).toMatchObject({ state: "running" });
    expect(after.state).toBe("running");
    expect(after.pausedMillis).toBeGreaterThan(0);
    expect(new Date(after.dueAt!).getTime()).toBeGreaterThan(new Date(before.dueAt!).getTime());
    expect(after.elapsedWorkingDays).toBeCloseTo(before.elapsedWorkingDays ?? 0, 0);
    expect((await clockOf(id, "procedure")).state).toBe("stopped");
  });
});

describe("expiries reach the service that acts", () => {
  it("deems an application accepted when the acceptance window passes without a notice (行政许可法 art. 32)", async () => {
    // Arrange
    const id = await submitted();
    const acceptance = await clockOf(id, "acceptance");
    // Act
    await moveTo(plusMinutes(acceptance.dueAt!, 2));
    await moveTo(plusMinutes(acceptance.dueAt!, 10));
    const application = await as("clerk").get(`/v1/applications/${id}`);
    const clocks = await clocksOf(id);
    // Assert
    expect(application.body.state).toBe("accepted");
    expect(application.body.history.map((h: { type: string }) => h.type)).toContain(
      "application.deemed-accepted",
    );
    expect(await supervisionEvents(id, "clock.acceptance-window-expired")).toHaveLength(1);
    const byStage = Object.fromEntries(clocks.clocks.map((c) => [c.stage, c]));
    expect(byStage.acceptance).toMatchObject({ state: "stopped", outcome: "deemedAccepted" });
    expect(byStage.review!.startedAt).toBe(acceptance.startedAt); // accepted as of the materials' arrival
    expect(clocks.warnings.find((w) => w.stage === "acceptance" && w.level === "red")?.state).toBe("cleared");
  });

  it("has review deny a tolerant acceptance whose cure deadline passed with deficiencies left (art. 27(三))", async () => {
    // Arrange: tolerant acceptance with the cure due at the end of the next working day
    const id = await submitted([{ name: "申请表" }]);
    const cureDeadline = new WorkingCalendar().addWorkingDays(businessDate(await now()), 1);
    const accepted = await as("clerk").post(`/v1/applications/${id}/acceptance`, {
      outcome: "tolerant",
      cureDeadline,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    await drain();
    const cure = await clockOf(id, "cure");
    // Act
    await moveTo(plusMinutes(cure.dueAt!, 2));
    const task = await as("approver").get(`/v1/applications/${id}/review`);
    const clocks = await clocksOf(id);
    // Assert
    expect(cure).toMatchObject({ warns: false, facts: { missingMaterials: ["平面图"] } });
    // The end (24:00 Beijing) of the last day the notice gave.
    expect(cure.dueAt).toBe(
      new Date(Date.parse(`${cureDeadline}T00:00:00+08:00`) + 86_400_000).toISOString(),
    );
    expect(await supervisionEvents(id, "clock.cure-deadline-expired")).toHaveLength(1);
    expect(task.body.decision).toMatchObject({ decision: "denied" });
    const byStage = Object.fromEntries(clocks.clocks.map((c) => [c.stage, c]));
    expect(byStage.cure).toMatchObject({ state: "stopped", outcome: "decided" });
    expect(byStage.review).toMatchObject({ state: "stopped", outcome: "denied" });
    expect(clocks.warnings.filter((w) => w.stage === "cure")).toEqual([]);
  });
});

describe("the center's warning policy (configurable per center)", () => {
  it("starts at DOMAIN.md's defaults; an admin sets thresholds, refused when inconsistent or stale", async () => {
    const center = seedUsers.subdistrictClerk.centerId;
    const read = await as("subdistrictClerk").get(`/v1/centers/${center}/warning-policy`);
    const bad = await request("PUT", `/v1/centers/${seeded.haidian}/warning-policy`, {
      as: "admin",
      body: { reminderShare: 0.8, yellowShare: 0.7, yellowWorkingDaysLeft: 1 },
    });
    const current = (await as("admin").get(`/v1/centers/${seeded.haidian}/warning-policy`)).body;
    const set = await request("PUT", `/v1/centers/${seeded.haidian}/warning-policy`, {
      as: "admin",
      body: { reminderShare: 0.5, yellowShare: 0.8, yellowWorkingDaysLeft: 1, version: current.version },
    });
    const stale = await request("PUT", `/v1/centers/${seeded.haidian}/warning-policy`, {
      as: "admin",
      body: { reminderShare: 0.5, yellowShare: 0.75, yellowWorkingDaysLeft: 1, version: current.version },
    });
    const otherCenter = await request("PUT", `/v1/centers/${center}/warning-policy`, {
      as: "admin",
      body: { reminderShare: 0.5, yellowShare: 0.75, yellowWorkingDaysLeft: 1 },
    });
    // Restore the defaults for the other tests.
    await request("PUT", `/v1/centers/${seeded.haidian}/warning-policy`, {
      as: "admin",
      body: { reminderShare: 0.5, yellowShare: 0.75, yellowWorkingDaysLeft: 1 },
    });
    expect(read.body).toMatchObject({ reminderShare: 0.5, yellowShare: 0.75, yellowWorkingDaysLeft: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toEqual(["reminderShare"]);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ yellowShare: 0.8, version: current.version + 1 });
    expect(stale.status).toBe(409);
    expect(otherCenter.status).toBe(403);
  });
});

describe("the sweep under overlap (DESIGN.md: a rerun or an overlapping run raises nothing twice)", () => {
  it("raises each warning once when two sweeps handle the same due clocks at the same time", async () => {
    // Arrange: 20 overdue clocks in a supervision table of their own (the stack's own sweep must not take part), in
    // the same DynamoDB Local
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
      // As the local runtime does (shared/aws/clients.ts): DynamoDB Local on two busy cores can take seconds to answer
      SDK_REQUEST_TIMEOUT_MS: "0",
      AWS_REGION: "local",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    });
    const { clockStore, clockRecord } =
      await import("#services/supervision/monitoring/adapters/clock-store.ts");
    const { directoryStore } = await import("#services/supervision/monitoring/adapters/directory-store.ts");
    const { sweepClocks } =
      await import("#services/supervision/monitoring/use-cases/sweep-clocks.use-case.ts");
    const { DEFAULT_WARNING_POLICY, startClock } =
      await import("#services/supervision/monitoring/domain/clock.ts");
    const { ulidIds } = await import("#shared/ids.ts");
    const { createTable } = await import("#infra/local/resources.ts");
    const { model } = await import("#infra/manifest.ts");
    const table = `overlap-${Date.now()}`;
    const raw = new DynamoDBClient({
      endpoint: stack.endpoints.dynamodb,
      region: "local",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await createTable(raw, table, model.tables.find((t) => t.service === "monitoring")!.definition.indexes);
    raw.destroy();
    const at = await now();
    const startedAt = new Date(at.getTime() - 30 * 86_400_000).toISOString();
    const center = `ctr_overlap${Date.now()}`;
    const clocks = Array.from({ length: 20 }, (_, i) =>
      startClock(
        {
          subjectId: `app_overlap${Date.now()}x${i}`,
          stage: "review",
          centerId: center,
          limit: { unit: "workingDays", amount: 3 },
          startedAt,
          policy: DEFAULT_WARNING_POLICY,
        },
        undefined,
        startedAt,
        { calendar: new WorkingCalendar() },
      ),
    );
    for (const c of clocks) await db.send(new PutCommand({ TableName: table, Item: clockRecord(c, 4) }));
    const clock = { now: () => at };
    const { calendarYears } = await import("#shared/aws/calendar-years.ts");
    const ports = {
      calendar: calendarYears(table),
      clocks: clockStore(table, 4),
      directory: directoryStore(table),
      clock,
      ids: ulidIds(clock),
      policy: { acceptanceWindowDays: 5, deliveryLimitDays: 10, sweepMaxClocks: 2000 },
    };
    // Act
    const [first, second] = await Promise.all([
      sweepClocks(at, "overlap-1", ports),
      sweepClocks(at, "overlap-2", ports),
    ]);
    const third = await sweepClocks(at, "overlap-3", ports);
    // Assert: 20 red warnings in all, each once; the later run finds nothing due
    expect(first.raised + second.raised).toBe(20);
    expect(first.due + second.due).toBeGreaterThanOrEqual(20);
    expect(third.due).toBe(0);
    for (const c of clocks) {
      const raised = await supervisionEvents(c.subjectId, "clock.warning-raised", table);
      expect(raised.map((e) => e.data.level)).toEqual(["red"]);
    }
  });
});
