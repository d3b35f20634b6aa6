import { describe, expect, it } from "vitest";
import { routeItem } from "../../scripts/migrate-supervision-split.ts";

/** Where each kind of supervision's items goes in the split (issue 22; docs/supervision-split.md §2). */
const tables = { supervision: "old", complaints: "c", monitoring: "m" };
const where = (item: Record<string, unknown> & { pk: string; sk: string }, options = {}) =>
  routeItem(item, tables, options).map((t) => [t.table, t.kind, t.item.entity]);

describe("the split's routing of supervision's items", () => {
  it("sends complaints' partitions whole to complaints, their events as copies", () => {
    expect(
      where({ pk: "wo#wo_1", sk: "evt#evt_1", entity: "event", occurredAt: "2026-01-01T00:00:00Z" }),
    ).toEqual([["c", "event", "copiedEvent"]]);
    expect(where({ pk: "orderNo#A1", sk: "orderNo" })).toEqual([["c", "item", undefined]]);
    expect(where({ pk: "rated#ticket#tkt_1", sk: "rated", entity: "ratingClaim" })).toEqual([
      ["c", "ratingClaim", "ratingClaim"],
    ]);
  });

  it("sends clocks, warnings and the rest to monitoring, and the catalog's projections and idempotency records to both", () => {
    expect(where({ pk: "center#ctr_1", sk: "policy", entity: "warningPolicy" })).toEqual([
      ["m", "warningPolicy", "warningPolicy"],
    ]);
    expect(where({ pk: "staff#stf_1", sk: "staff", entity: "staffRef" }).map(([t]) => t)).toEqual(["c", "m"]);
    expect(where({ pk: "idem#POST /v1/evaluations", sk: "k1" }).map(([t]) => t)).toEqual(["c", "m"]);
    expect(where({ pk: "mark#evt_1", sk: "callbacks", entity: "eventMark" })).toEqual([
      ["c", "eventMark", "eventMark"],
    ]);
    expect(where({ pk: "mark#evt_1", sk: "events", entity: "eventMark" })).toEqual([
      ["m", "eventMark", "eventMark"],
    ]);
  });

  it("publishes again only the events from --republish-since on", () => {
    const event = (occurredAt: string) => ({ pk: "subject#app_1", sk: "evt#e", entity: "event", occurredAt });
    const options = { republishSince: "2027-01-04T01:55:00.000Z" };
    expect(where(event("2027-01-04T01:54:59.999Z"), options)).toEqual([["m", "event", "copiedEvent"]]);
    expect(where(event("2027-01-04T01:55:00.000Z"), options)).toEqual([["m", "event", "event"]]);
  });

  it("derives monitoring's fact of a work order with the end of its contact window", () => {
    const order = {
      pk: "wo#wo_1",
      sk: "wo",
      entity: "workOrder",
      id: "wo_1",
      origin: "hotline",
      kind: "complaint",
      receivedAt: "2026-05-11T02:00:00.000Z",
      month: "2026-05",
      replyDueAt: "2026-05-18T16:00:00.000Z",
      unit: { centerId: "ctr_1" },
    };
    const [, fact] = routeItem(order, tables, { contactHours: 12 });
    expect(fact).toMatchObject({
      table: "m",
      merge: true,
      item: {
        pk: "wofact#wo_1",
        contactWindowEndsAt: "2026-05-11T14:00:00.000Z",
        gsi5pk: "rates#ctr_1#2026-05",
      },
    });
  });
});
