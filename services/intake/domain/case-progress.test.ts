import { describe, expect, it } from "vitest";
import type { Application, CaseDecision, CaseDelivery } from "./application.ts";
import { followDecision, followDelivery, withCaseDocument } from "./case-progress.ts";

const T0 = "2026-05-11T01:00:00.000Z";
const T1 = "2026-05-12T01:00:00.000Z";
const T2 = "2026-05-13T01:00:00.000Z";

function application(overrides: Partial<Application> = {}): Application {
  return {
    id: "app_1",
    state: "accepted",
    documents: [{ id: "doc_1", kind: "acceptanceReceipt", number: "2026-000001", issuedAt: T0 }],
    version: 3,
    ...overrides,
  } as Application;
}
const approval = (): CaseDecision => ({
  outcome: "approved",
  decidedAt: T1,
  documentId: "rdoc_1",
  number: "海市监许〔2026〕1号",
});
const delivery = (overrides: Partial<CaseDelivery> = {}): CaseDelivery => ({
  deliveryId: "dlv_1",
  progress: "completed",
  method: "window",
  at: T2,
  completedAt: T2,
  ...overrides,
});

describe("the case follows review and delivery (issue 16)", () => {
  it("is decided once review decides, with the decision among its documents", () => {
    const next = followDecision(application(), approval(), T1);
    expect(next.state).toBe("decided");
    expect(next.decision).toEqual(approval());
    expect(next.documents.at(-1)).toEqual({
      id: "rdoc_1",
      kind: "approvalDecision",
      number: "海市监许〔2026〕1号",
      issuedAt: T1,
    });
  });

  it("decides a case accepted with deficiencies too (not curing them is review's denial)", () => {
    const next = followDecision(
      application({ state: "acceptedWithDeficiencies" }),
      { ...approval(), outcome: "denied" },
      T1,
    );
    expect(next.state).toBe("decided");
    expect(next.documents.at(-1)!.kind).toBe("denialDecision");
  });

  it("is delivered once the decision and the completed delivery are both known, in whichever order they came", () => {
    const inOrder = followDelivery(followDecision(application(), approval(), T1), delivery());
    const deliveryFirst = followDelivery(application(), delivery());
    const thenDecision = followDecision(deliveryFirst, approval(), T1);
    expect(inOrder.state).toBe("delivered");
    expect(deliveryFirst.state).toBe("accepted");
    expect(thenDecision.state).toBe("delivered");
  });

  it("changes nothing when the same fact comes twice", () => {
    const once = followDecision(application(), approval(), T1);
    const twice = followDecision(once, approval(), T1);
    expect(twice.documents).toHaveLength(2);
    expect(twice).toEqual(once);
  });

  it("never goes back: an older report or anything after completion is ignored", () => {
    const ready = followDelivery(application({ state: "decided" }), delivery({ progress: "ready", at: T2 }));
    const stale = followDelivery(ready, delivery({ progress: "methodChosen", at: T1 }));
    const completed = followDelivery(ready, delivery());
    const afterwards = followDelivery(completed, delivery({ progress: "returned", at: T2 }));
    expect(stale).toBe(ready);
    expect(afterwards).toBe(completed);
    expect(completed.state).toBe("delivered");
  });

  it("keeps the method already known when a later report does not name it", () => {
    const chosen = followDelivery(
      application(),
      delivery({ progress: "methodChosen", method: "locker", at: T1 }),
    );
    const next = followDelivery(chosen, { deliveryId: "dlv_1", progress: "ready", at: T2 });
    expect(next.delivery).toEqual({ deliveryId: "dlv_1", progress: "ready", method: "locker", at: T2 });
  });

  it("does not move a case intake never accepted", () => {
    const rejected = followDecision(application({ state: "rejected" }), approval(), T1);
    expect(rejected.state).toBe("rejected");
  });

  it("lists a document once", () => {
    const ref = { id: "rdoc_2", kind: "procedureNotice" as const, number: "n", issuedAt: T1 };
    expect(withCaseDocument(withCaseDocument(application(), ref), ref).documents).toHaveLength(2);
  });
});

describe("a fact already recorded (issue 21: the consumer writes nothing for it)", () => {
  it("returns the very application for the same decision or the same delivery report", () => {
    const decided = followDecision(application(), approval(), T1);
    const delivered = followDelivery(decided, delivery());
    const ready = followDelivery(decided, delivery({ progress: "ready", completedAt: undefined }));
    expect(followDecision(decided, approval(), T1)).toBe(decided);
    expect(followDelivery(ready, delivery({ progress: "ready", completedAt: undefined }))).toBe(ready);
    expect(followDelivery(delivered, delivery())).toBe(delivered);
  });

  it("still records a decision that differs from the one stored", () => {
    const decided = followDecision(application(), approval(), T1);
    const other = followDecision(decided, { ...approval(), decidedAt: T2 }, T2);
    expect(other).not.toBe(decided);
    expect(other.decision?.decidedAt).toBe(T2);
  });
});
