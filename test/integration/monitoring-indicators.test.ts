import { beforeAll, describe, expect, it } from "vitest";
import { drain, request } from "./support/api.ts";
import { sendEvent } from "./support/events.ts";
import { seeded } from "./support/seed.ts";

/**
 * A month of cases (April 2026) in the remote mountain township center, which no other test has cases in, sent as
 * intake, review and delivery publish them onto supervision's queue, in the ordinary week of 13–17 April (no holiday).
 * The expected indicators are worked out by hand below.
 */
const center = seeded.remoteTownship;
const D1 = "dep_indicators_a";
const D2 = "dep_indicators_b";
const t = (day: number, hhmm: string) => new Date(`2026-04-${day}T${hhmm}:00+08:00`).toISOString();

let n = 0;
function caseOf(departmentId: string) {
  n++;
  const ref = {
    applicationId: `app_ind${n}`,
    centerId: center,
    itemId: "itm_indicators",
    departmentId,
  };
  const limits = { committedLimitDays: 10, statutoryLimitDays: 20 };
  const send = (type: string, data: object, at: string) =>
    sendEvent("monitoring-events", type, { ...ref, ...data }, { occurredAt: at });
  return {
    submitted: (at: string) =>
      send(
        "application.submitted",
        {
          channel: "window",
          applicantKind: "person",
          assistedHandling: false,
          guideVersion: 1,
          ...limits,
          materialsArrivedAt: at,
          missingRequired: [],
        },
        at,
      ),
    accepted: (at: string) =>
      send(
        "application.accepted",
        { ...limits, guideVersion: 1, acceptedAt: at, receiptDocumentId: "doc_r" },
        at,
      ),
    tolerant: (at: string, cureDeadline: string) =>
      send(
        "application.accepted-with-deficiencies",
        {
          ...limits,
          guideVersion: 1,
          acceptedAt: at,
          missingMaterials: ["平面图"],
          cureDeadline,
          documentId: "doc_t",
        },
        at,
      ),
    correction: (at: string) =>
      send(
        "application.correction-requested",
        {
          items: [{ material: "身份证明", reason: "复印件不清晰" }],
          deadline: "2026-04-30",
          documentId: "doc_c",
        },
        at,
      ),
    rejected: (at: string) =>
      send(
        "application.rejected",
        { reasons: ["不属于本中心受理范围"], rejectedAt: at, documentId: "doc_j" },
        at,
      ),
    decided: (at: string, decision: "approved" | "denied") =>
      send(
        "review.decided",
        {
          taskId: `rvt_ind${n}`,
          decision,
          reasons: [],
          decidedAt: at,
          deciderId: "usr_approver",
          basis: { kind: "department", departmentId, role: "approver" },
          documentId: "doc_d",
          document: {
            id: "doc_d",
            number: "1",
            title: "决定书",
            body: ["x"],
            issuedAt: at,
            sealName: "章",
            sha256: "0",
          },
        },
        at,
      ),
    delivered: (at: string) =>
      send("delivery.completed", { deliveryId: `dlv_ind${n}`, method: "window", completedAt: at }, at),
  };
}

beforeAll(async () => {
  // A (D1): accepted Mon 10:00, approved Wed 10:00 (2 working days), delivered Thu.
  const a = caseOf(D1);
  await a.submitted(t(13, "09:00"));
  await a.accepted(t(13, "10:00"));
  await a.decided(t(15, "10:00"), "approved");
  await a.delivered(t(16, "10:00"));
  // B (D1): a correction notice on the day; nothing since.
  const b = caseOf(D1);
  await b.submitted(t(13, "09:00"));
  await b.correction(t(13, "11:00"));
  // C (D2): rejected at the window.
  const c = caseOf(D2);
  await c.submitted(t(14, "09:00"));
  await c.rejected(t(14, "10:00"));
  // D (D2): accepted with deficiencies Tue 10:00, denied Fri 10:00 (3 working days), delivered Fri 16:00.
  const d = caseOf(D2);
  await d.submitted(t(14, "09:00"));
  await d.tolerant(t(14, "10:00"), "2026-04-24");
  await d.decided(t(17, "10:00"), "denied");
  await d.delivered(t(17, "16:00"));
  await drain();
});

const indicators = (query: string) =>
  request("GET", `/v1/reports/indicators?centerId=${center}&${query}`, { as: "supervisor" });

describe("monthly indicators (art. 54)", () => {
  it("match a hand computation for the center and each department", async () => {
    const token = (await request("POST", "/_local/token", { body: { role: "supervisor", centerId: center } }))
      .body.token;
    const res = await request("GET", `/v1/reports/indicators?centerId=${center}&month=2026-04`, { token });
    expect(res.status).toBe(200);
    const { center: all, departments } = res.body;
    const ratio = (numerator: number, denominator: number) => ({
      numerator,
      denominator,
      rate: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
    });
    // Completed (delivered): A and D, both well inside 5 + 10 + 10 working days.
    expect(all.cases).toEqual({ completed: 2, onTime: ratio(2, 2), overdue: 0, overdueCases: 0 });
    // Decisions: A after 2 working days, D after 3.
    expect(all.decisions).toEqual({ count: 2, averageWorkingDays: 2.5 });
    expect(all.acceptance).toEqual({
      accepted: 1,
      tolerant: 1,
      correction: 1,
      rejected: 1,
      deemed: 0,
      decided: 4,
      correctionRate: ratio(1, 4),
    });
    expect(all.appointments).toEqual({ kept: 0, missed: 0, noShowRate: null });
    expect(all.hotline.received).toBe(0);
    expect(all.ratings.total).toBe(0);

    const byDept = Object.fromEntries(departments.map((d: { departmentId: string }) => [d.departmentId, d]));
    expect(Object.keys(byDept)).toEqual([D1, D2]);
    expect(byDept[D1].cases).toMatchObject({ completed: 1, onTime: ratio(1, 1) });
    expect(byDept[D1].decisions).toEqual({ count: 1, averageWorkingDays: 2 });
    expect(byDept[D1].acceptance).toMatchObject({
      accepted: 1,
      correction: 1,
      decided: 2,
      correctionRate: ratio(1, 2),
    });
    expect(byDept[D2].decisions).toEqual({ count: 1, averageWorkingDays: 3 });
    expect(byDept[D2].acceptance).toMatchObject({
      tolerant: 1,
      rejected: 1,
      decided: 2,
      correctionRate: ratio(0, 2),
    });
  });

  it("gives the same as CSV, one row for the center and one per department", async () => {
    const token = (await request("POST", "/_local/token", { body: { role: "admin", centerId: center } })).body
      .token;
    const res = await request("GET", `/v1/reports/indicators?centerId=${center}&month=2026-04&format=csv`, {
      token,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const [header, ...rows] = (res.body as string).trim().split("\r\n");
    const columns = header!.split(",");
    const cell = (row: string, column: string) => row.split(",")[columns.indexOf(column)];
    expect(rows.map((r) => cell(r, "scope"))).toEqual(["center", D1, D2]);
    expect(cell(rows[0]!, "cases.completed")).toBe("2");
    expect(cell(rows[0]!, "acceptance.correctionRate")).toBe("0.25");
    expect(cell(rows[0]!, "decisions.averageWorkingDays")).toBe("2.5");
  });

  it("keeps them to the center's own staff", async () => {
    expect((await indicators("month=2026-04")).status).toBe(403);
    expect(
      (await request("GET", `/v1/reports/indicators?centerId=${center}&month=April`, { as: "supervisor" }))
        .status,
    ).toBe(400);
  });
});
