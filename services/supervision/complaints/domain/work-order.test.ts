import { describe, expect, it } from "vitest";
import { contactDueAt } from "../contract/rates.ts";
import type { Principal } from "#shared/auth/principal.ts";
import {
  answerTransfer,
  assertDispatcher,
  assertUnitStaff,
  contactWindowEnd,
  DEFAULT_HOTLINE_POLICY,
  dispatch,
  limitEnd,
  receiveWorkOrder,
  recordFollowUp,
  replyLimit,
  replyTo,
  requestTransfer,
  signFor,
  type WorkOrder,
} from "./work-order.ts";

const at = "2026-05-11T02:00:00.000Z"; // 10:00 Beijing
const center = "ctr_01JAAAAAAAAAAAAAAAAAAAAAAA";
const market = "dep_market";
const hrss = "dep_hrss";

function newOrder(overrides: Partial<Parameters<typeof receiveWorkOrder>[0]> = {}): WorkOrder {
  return receiveWorkOrder(
    {
      id: "wko_1",
      orderNo: "BJ1",
      origin: "hotline",
      kind: "complaint",
      urgency: "general",
      channel: "phone",
      caller: { name: "张三", phone: "13812345678" },
      content: "x",
      target: { centerId: center },
      receivedAt: at,
      ...overrides,
    },
    DEFAULT_HOTLINE_POLICY,
    at,
    "hotline",
  );
}
const staff = (p: Partial<Principal>): Principal => ({
  sub: "usr_1",
  role: "approver",
  centerId: center,
  ...p,
});

describe("reply limits (DOMAIN.md 接诉即办)", () => {
  it.each([
    ["emergency", "2026-05-11T04:00:00.000Z"],
    ["utilities", "2026-05-12T02:00:00.000Z"],
    // Calendar days end at 24:00 Beijing of the Nth day, the day of receipt not counted.
    ["general", "2026-05-18T16:00:00.000Z"],
    ["complex", "2026-05-26T16:00:00.000Z"],
  ] as const)("%s ends at %s", (urgency, due) => {
    expect(limitEnd(replyLimit(urgency, DEFAULT_HOTLINE_POLICY), at)).toBe(due);
    expect(newOrder({ urgency }).replyDueAt).toBe(due);
  });

  it("needs the caller reached within the contact window, or by the reply deadline if sooner", () => {
    const due = (o: WorkOrder) =>
      contactDueAt({ ...o, contactWindowEndsAt: contactWindowEnd(o.receivedAt, DEFAULT_HOTLINE_POLICY) });
    expect(due(newOrder())).toBe("2026-05-12T02:00:00.000Z");
    expect(due(newOrder({ urgency: "emergency" }))).toBe("2026-05-11T04:00:00.000Z");
  });

  it("counts an order in the month (Beijing) it was received", () => {
    expect(newOrder({ receivedAt: "2026-04-30T16:30:00.000Z" }).month).toBe("2026-05");
  });
});

describe("the lifecycle 接 → 派 → 办 → 评", () => {
  it("goes received → dispatched → signedFor → replied → closed, the first unit leading", () => {
    let o = newOrder();
    o = dispatch(o, { centerId: center, departmentId: market }, at, "admin");
    expect(o.leadUnit).toEqual({ centerId: center, departmentId: market });
    o = signFor(o, at, "usr_1", at);
    o = replyTo(o, { text: "已处理", outcome: "resolved" }, at, "usr_1");
    expect(o.contactedCallerAt).toBe(at);
    o = recordFollowUp(o, { calledAt: at, reached: true, resolved: true, satisfied: false }, at, "admin");
    expect(o.state).toBe("closed");
    expect(o.version).toBe(5);
  });

  it("keeps an order open when the follow-up call did not reach the caller", () => {
    let o = signFor(dispatch(newOrder(), { centerId: center }, at, "a"), at, "u");
    o = replyTo(o, { text: "r", outcome: "explained" }, at, "u");
    expect(recordFollowUp(o, { calledAt: at, reached: false }, at, "a").state).toBe("replied");
    expect(() => recordFollowUp(o, { calledAt: at, reached: true }, at, "a")).toThrow(/resolved/);
  });

  it("refuses steps out of order", () => {
    const o = newOrder();
    expect(() => signFor(o, at, "u")).toThrow(/sign-for/);
    expect(() => replyTo(o, { text: "r", outcome: "resolved" }, at, "u")).toThrow(/reply/);
  });

  it("moves an order to another unit only when that unit accepts", () => {
    const o = signFor(dispatch(newOrder(), { centerId: center, departmentId: market }, at, "a"), at, "u");
    const asked = requestTransfer(o, {
      id: "wkt_1",
      to: { centerId: center, departmentId: hrss },
      reason: "职责",
      requestedBy: "u",
      requestedAt: at,
    });
    expect(asked.unit?.departmentId).toBe(market);
    expect(() => replyTo(asked, { text: "r", outcome: "resolved" }, at, "u")).toThrow(/transfer/);
    const declined = answerTransfer(asked, "wkt_1", false, at, "h", "不属职责");
    expect(declined.unit?.departmentId).toBe(market);
    expect(declined.transfer).toBeUndefined();
    const moved = answerTransfer(asked, "wkt_1", true, at, "h");
    expect(moved).toMatchObject({
      state: "dispatched",
      unit: { departmentId: hrss },
      leadUnit: { departmentId: hrss },
    });
    expect(() =>
      requestTransfer(o, {
        id: "wkt_2",
        to: { centerId: center, departmentId: market },
        reason: "x",
        requestedBy: "u",
        requestedAt: at,
      }),
    ).toThrow(/already/);
  });
});

describe("who may act", () => {
  it("lets the department's staff or the center's administration handle a department's order", () => {
    const unit = { centerId: center, departmentId: market };
    expect(() => assertUnitStaff(staff({ departmentId: market }), unit)).not.toThrow();
    expect(() => assertUnitStaff(staff({ role: "admin" }), unit)).not.toThrow();
    expect(() => assertUnitStaff(staff({ departmentId: hrss }), unit)).toThrow(/department/);
    expect(() => assertUnitStaff(staff({ role: "admin", centerId: "ctr_other" }), unit)).toThrow(/unit/);
    expect(() => assertUnitStaff({ sub: "a", role: "applicant" }, unit)).toThrow();
  });

  it("sends an order to another center only through a transfer", () => {
    const o = newOrder();
    expect(() => assertDispatcher(staff({ role: "admin" }), o, { centerId: "ctr_other" })).toThrow(
      /transfer/,
    );
    expect(() => assertDispatcher(staff({ role: "clerk" }), o, { centerId: center })).toThrow(
      /administration/,
    );
    const unplaced = newOrder({ target: {} });
    expect(() => assertDispatcher(staff({ role: "admin" }), unplaced, { centerId: center })).toThrow(
      /supervisor/,
    );
    expect(() =>
      assertDispatcher(staff({ role: "supervisor" }), unplaced, { centerId: center }),
    ).not.toThrow();
  });
});
