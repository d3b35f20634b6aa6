import { describe, expect, it } from "vitest";
import { seedUsers, staff, windows } from "#infra/local/seed-data.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { as, drain, request } from "./support/api.ts";
import { seeded } from "./support/seed.ts";

/**
 * Daily supervision (art. 53): the window's own self-checks, supervisors' on-site patrols and electronic-monitoring
 * reviews, with findings against the service norms (art. 48); a finding given a deadline opens a rectification the
 * department records, once, on time or not.
 */
const window = windows.find((w) => w.centerId === seeded.haidian)!.id;
const department = seedUsers.chiefRep.departmentId;
const clock = async () => (await request("GET", "/_local/clock")).body.now as string;

const patrol = async (overrides: Record<string, unknown> = {}) => ({
  centerId: seeded.haidian,
  kind: "patrol",
  inspectedAt: await clock(),
  windowId: window,
  departmentId: department,
  summary: "上午巡查综合受理区和市场监管窗口",
  findings: [
    { category: "absence", description: "市场监管窗口无人值守约15分钟，无AB岗替补", rectifyWithinDays: 3 },
    { category: "appearance", description: "一名工作人员未佩戴工作牌" },
  ],
  ...overrides,
});

describe("inspections (art. 53)", () => {
  it("records a patrol whose finding opens a rectification, which the department completes once", async () => {
    // Arrange / Act
    const recorded = await as("supervisor").post("/v1/inspections", await patrol());
    const id = recorded.body.id as string;
    const rectified = await as("chiefRep").post(`/v1/inspections/${id}/findings/f1/rectification`, {
      measures: "已建立AB岗制度，离岗须报备并安排替岗",
    });
    const again = await as("chiefRep").post(`/v1/inspections/${id}/findings/f1/rectification`, {
      measures: "重复提交",
    });
    const nothingToRectify = await as("chiefRep").post(`/v1/inspections/${id}/findings/f2/rectification`, {
      measures: "已提醒",
    });
    await drain();
    const listed = await as("admin").get(`/v1/centers/${seeded.haidian}/inspections?limit=100`);
    // Assert
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body.findings[0].rectification).toMatchObject({
      state: "open",
      dueAt: expect.any(String),
    });
    expect(recorded.body.findings[1]).not.toHaveProperty("rectification");
    expect(rectified.status, JSON.stringify(rectified.body)).toBe(200);
    expect(rectified.body.findings[0].rectification).toMatchObject({ state: "completed", onTime: true });
    expect(again.status).toBe(409);
    expect(nothingToRectify.status).toBe(404);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it("counts findings about a person, and the daily check's compliance findings, in their month for appraisal (art. 45)", async () => {
    // Arrange: a patrol finding about the market approver on the roster
    const approver = staff.find((s) => s.input.userId === seedUsers.approver.sub)!.id;
    const inspectedAt = await clock();
    const recorded = await as("supervisor").post(
      "/v1/inspections",
      await patrol({
        inspectedAt,
        findings: [{ category: "attitude", description: "答复申请人时语气生硬", staffId: approver }],
      }),
    );
    await drain();
    // Act
    const month = businessDate(new Date(inspectedAt)).slice(0, 7);
    const appraisal = await as("admin").get(`/v1/centers/${seeded.haidian}/staff-appraisal?month=${month}`);
    const elsewhere = await as("cityAdmin").get(
      `/v1/centers/${seeded.haidian}/staff-appraisal?month=${month}`,
    );
    // Assert
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(appraisal.status, JSON.stringify(appraisal.body)).toBe(200);
    const row = appraisal.body.staff.find((r: { staffId: string }) => r.staffId === approver);
    expect(row.inspectionFindings).toBeGreaterThanOrEqual(1);
    expect(elsewhere.status).toBe(403);
    // The seeded roster breaks rules the catalog's daily check finds (a key post overdue for rotation): they count,
    // in the month the finding was raised.
    expect((await request("POST", "/_local/schedules/catalog-staff-compliance/run")).status).toBe(200);
    await drain();
    const findings = await as("admin").get(`/v1/compliance/findings?centerId=${seeded.haidian}&limit=100`);
    const aboutSomeone = findings.body.items.find(
      (f: { subject: { kind: string } }) => f.subject.kind === "staff",
    );
    expect(aboutSomeone, "the seeded roster has a staff finding").toBeDefined();
    const then = await as("admin").get(
      `/v1/centers/${seeded.haidian}/staff-appraisal?month=${aboutSomeone.raisedOn.slice(0, 7)}`,
    );
    const theirs = then.body.staff.find((r: { staffId: string }) => r.staffId === aboutSomeone.subject.id);
    expect(theirs?.complianceFindings).toBeGreaterThanOrEqual(1);
  });

  it("lets the window's staff record self-checks, not patrols; supervisors patrol only their own center", async () => {
    const { kind: _, ...check } = await patrol({ summary: "窗口每日自查", findings: [] });
    const selfCheck = await as("clerk").post("/v1/self-checks", check);
    const clerkPatrol = await as("clerk").post("/v1/inspections", await patrol());
    const elsewhere = await as("supervisor").post(
      "/v1/inspections",
      await patrol({ centerId: seeded.otherDistrict, windowId: undefined, departmentId: undefined }),
    );
    const invalid = await as("supervisor").post(
      "/v1/inspections",
      await patrol({ findings: [{ category: "mood", description: "x" }] }),
    );
    expect(selfCheck.status, JSON.stringify(selfCheck.body)).toBe(201);
    expect(selfCheck.body.kind).toBe("selfCheck");
    expect(clerkPatrol.status).toBe(403);
    expect(elsewhere.status).toBe(403);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: unknown[] }) => e.path)).toContainEqual([
      "findings",
      0,
      "category",
    ]);
  });
});
