import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { businessDate, dateOfEpochDay, epochDay } from "#shared/calendar/time-zone.ts";
import { as, db, request, stack } from "./support/api.ts";
import { seeded } from "./support/seed.ts";

const SCHEDULE = "catalog-staff-compliance";
const PHONE = "13812345678";
const ID_NUMBER = "11010519491231002X";

interface Finding {
  id: string;
  rule: string;
  state: string;
  subject: { kind: string; id: string };
  details: Record<string, unknown>;
  raisedAt: string;
  version: number;
}

async function created(path: string, body: unknown): Promise<string> {
  const res = await as("admin").post(path, body);
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function runCheck(): Promise<void> {
  const res = await request("POST", `/_local/schedules/${SCHEDULE}/run`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ schedule: SCHEDULE, ok: true });
}

/**
 * A fresh subdistrict center keeps this file's findings apart from the seed's and the other files' (the check runs
 * over every center). The virtual clock is never moved: every date is relative to the day the file runs on.
 */
describe("the daily staff compliance check (art. 43–49)", () => {
  let today: string;
  const daysAgo = (n: number) => dateOfEpochDay(epochDay(today) - n);
  const ids = {} as Record<
    "center" | "department" | "w1" | "w2" | "w3" | "w4" | "mentor" | "intern" | "alone" | "key" | "resident",
    string
  >;

  const findings = async (query = "") => {
    const res = await as("admin").get(`/v1/compliance/findings?centerId=${ids.center}&limit=100${query}`);
    expect(res.status).toBe(200);
    return res.body.items as Finding[];
  };
  const keys = (list: Finding[]) => list.map((f) => `${f.rule}:${f.subject.id}`).sort();
  const events = async (type: string) => {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: stack.tables.catalog,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
        ExpressionAttributeValues: { ":pk": `compliance#${ids.center}`, ":evt": "evt#" },
      }),
    );
    return Items.filter((e) => e.type === type);
  };

  beforeAll(async () => {
    today = businessDate(new Date((await request("GET", "/_local/clock")).body.now));
    ids.center = await created("/v1/centers", {
      name: `合规检查测试街道政务服务中心${Math.random().toString(36).slice(2, 7)}`,
      level: "subdistrict",
      kind: "comprehensive",
      parentId: seeded.haidian,
      address: "北京市海淀区测试路2号",
      consultationPhone: "010-62345679",
      hours: {
        workingDays: [
          { from: "09:00", to: "12:00" },
          { from: "13:30", to: "17:00" },
        ],
      },
    });
    ids.department = await created(`/v1/centers/${ids.center}/departments`, { name: "测试区民政局" });
    const window = (code: string, status = "open") =>
      created(`/v1/centers/${ids.center}/windows`, { code, type: "generalAcceptance", status });
    ids.w1 = await window("B01");
    ids.w2 = await window("B02");
    ids.w3 = await window("B03");
    ids.w4 = await window("B04", "closed");
    const person = (input: Record<string, unknown>) =>
      created("/v1/staff", {
        name: "合规测试人员",
        role: "clerk",
        centerId: ids.center,
        duty: "综合受理",
        employmentType: "contract",
        ...input,
      });
    // B01: an experienced clerk with an intern one month in (compliant: the intern sits with the mentor).
    ids.mentor = await person({ windowId: ids.w1, stationedOn: "2020-01-06", examPassedOn: "2020-03-02" });
    ids.intern = await person({
      windowId: ids.w1,
      stationedOn: daysAgo(30),
      internship: { startedOn: daysAgo(30), supervisorId: ids.mentor },
    });
    // B02: a clerk past the internship but without the exam, alone at the window.
    ids.alone = await person({
      windowId: ids.w2,
      stationedOn: daysAgo(100),
      internship: { startedOn: daysAgo(100), supervisorId: ids.mentor },
      phone: PHONE,
      idNumber: ID_NUMBER,
    });
    // A key approval post held since 2019; a resident approver moved out of the department after six months.
    const approver = { role: "approver", departmentId: ids.department, employmentType: "civilServant" };
    ids.key = await person({ ...approver, duty: "审批", stationedOn: "2019-01-07", keyPost: true });
    ids.resident = await person({ ...approver, duty: "审批", stationedOn: daysAgo(180) });
    const moved = await as("admin").post(`/v1/staff/${ids.resident}/assignments`, {
      role: "clerk",
      departmentId: null,
      duty: "综合受理",
      effectiveOn: today,
      reason: "借调",
    });
    expect(moved.status).toBe(200);
  });

  it("is a schedule of the local runtime", async () => {
    const res = await request("GET", "/_local/schedules");
    expect(JSON.stringify(res.body)).toContain(SCHEDULE);
  });

  it("raises one finding per person or window and rule, for what breaks a rule only", async () => {
    // Act
    await runCheck();
    // Assert
    const open = await findings();
    expect(keys(open)).toEqual(
      [
        `clerkAloneUnqualified:${ids.alone}`,
        `keyPostOverdue:${ids.key}`,
        `residentMovedEarly:${ids.resident}`,
        `windowUncovered:${ids.w2}`,
        `windowUncovered:${ids.w3}`,
      ].sort(),
    );
    expect(open.every((f) => f.state === "open" && f.version === 1)).toBe(true);
    const byRule = Object.fromEntries(
      open.map((f) => [f.rule === "windowUncovered" ? f.subject.id : f.rule, f]),
    );
    expect(byRule.clerkAloneUnqualified!.details).toEqual({
      windowId: ids.w2,
      internshipEndsOn: expect.any(String),
      supervisorId: ids.mentor,
    });
    expect(byRule.keyPostOverdue!.details).toEqual({
      departmentId: ids.department,
      heldSince: "2019-01-07",
      rotationDueOn: "2024-01-07",
    });
    expect(byRule.residentMovedEarly!.details).toMatchObject({
      departmentId: ids.department,
      postStartedOn: daysAgo(180),
      leftOn: today,
      filedLate: false,
      toRole: "clerk",
    });
    expect(byRule[ids.w2]!.details).toMatchObject({ windowCode: "B02", assigned: 1 });
    expect(byRule[ids.w3]!.details).toMatchObject({ windowCode: "B03", assigned: 0 });
    const raised = await events("staff.compliance-finding-raised");
    expect(raised).toHaveLength(5);
    expect(JSON.stringify(raised)).not.toMatch(new RegExp(`${PHONE}|${ID_NUMBER}|合规测试人员`));
  });

  it("filters by rule and state", async () => {
    const windows = await findings("&rule=windowUncovered");
    const key = await findings("&rule=keyPostOverdue&state=open");
    const resolved = await findings("&state=resolved");
    expect(keys(windows)).toEqual([`windowUncovered:${ids.w2}`, `windowUncovered:${ids.w3}`].sort());
    expect(keys(key)).toEqual([`keyPostOverdue:${ids.key}`]);
    expect(resolved).toEqual([]);
  });

  it("adds nothing when it runs again the same day", async () => {
    const before = await findings();
    await runCheck();
    expect(await findings()).toEqual(before);
    expect(await events("staff.compliance-finding-raised")).toHaveLength(5);
  });

  it("resolves a finding on the next run once its cause is fixed", async () => {
    // Arrange: the exam recorded, the key post given up, the resident back in the department
    const exam = await as("admin").post(`/v1/staff/${ids.alone}/exam`, { passedOn: daysAgo(1) });
    const rotated = await as("admin").post(`/v1/staff/${ids.key}/assignments`, {
      keyPost: false,
      effectiveOn: today,
      reason: "轮岗",
    });
    const back = await as("admin").post(`/v1/staff/${ids.resident}/assignments`, {
      role: "approver",
      departmentId: ids.department,
      duty: "审批",
      effectiveOn: today,
      reason: "借调结束",
    });
    expect([exam.status, rotated.status, back.status]).toEqual([200, 200, 200]);
    // Act
    await runCheck();
    await runCheck();
    // Assert
    const resolved = await findings("&state=resolved");
    expect(keys(resolved)).toEqual(
      [
        `clerkAloneUnqualified:${ids.alone}`,
        `keyPostOverdue:${ids.key}`,
        `residentMovedEarly:${ids.resident}`,
        `windowUncovered:${ids.w2}`,
      ].sort(),
    );
    expect(resolved.every((f) => f.version === 2)).toBe(true);
    expect(keys(await findings("&state=open"))).toEqual([`windowUncovered:${ids.w3}`]);
    expect(await events("staff.compliance-finding-resolved")).toHaveLength(4);
    expect(await events("staff.compliance-finding-raised")).toHaveLength(5);
  });

  it("shows the findings to the center's administration and supervisors, a page at a time", async () => {
    const supervisor = await as("supervisor").get(`/v1/compliance/findings?centerId=${ids.center}`);
    const first = await as("admin").get(`/v1/compliance/findings?centerId=${ids.center}&limit=2`);
    const second = await as("admin").get(
      `/v1/compliance/findings?centerId=${ids.center}&limit=10&cursor=${first.body.nextCursor}`,
    );
    expect(supervisor.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(keys([...first.body.items, ...second.body.items])).toEqual(keys(await findings()));
  });

  it("refuses other roles and other centers, and names a bad query", async () => {
    const other = await request("POST", "/_local/token", {
      body: { role: "supervisor", centerId: seeded.otherDistrict },
    });
    const clerk = await as("clerk").get(`/v1/compliance/findings?centerId=${ids.center}`);
    const elsewhere = await request("GET", `/v1/compliance/findings?centerId=${ids.center}`, {
      token: other.body.token,
    });
    const missing = await as("admin").get("/v1/compliance/findings?rule=windowUncovered");
    const badRule = await as("admin").get(`/v1/compliance/findings?centerId=${ids.center}&rule=late`);
    expect(clerk.status).toBe(403);
    expect(elsewhere.status).toBe(403);
    expect(missing.status).toBe(400);
    expect(badRule.status).toBe(400);
    expect(badRule.body.errors[0].path).toContain("rule");
  });
});
