import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidTransitionError, type RuleViolationError } from "#shared/errors.ts";
import type { WindowType } from "./center-projection.ts";
import {
  admitWalkIn,
  compareTickets,
  issueTicketSchema,
  nextTicketState,
  PRIORITIES,
  priorityOf,
  queueRank,
  TICKET_COMMANDS,
  TICKET_STATES,
  ticketNumber,
  ticketPrefix,
  ticketTransitions,
  windowServesItem,
  windowServesTicket,
  type Priority,
} from "./tickets.ts";

const ticket = (id: string, priority: Priority, issuedAt: string) => ({ id, priority, issuedAt });

describe("queue order (art. 13–14, 22)", () => {
  it("puts checked-in appointments first, then priority groups, then everyone else, first come within each", () => {
    const queue = [
      ticket("tkt_5", "standard", "2026-12-02T01:00:00.000Z"),
      ticket("tkt_4", "priorityGroup", "2026-12-02T01:05:00.000Z"),
      ticket("tkt_3", "appointment", "2026-12-02T01:10:00.000Z"),
      ticket("tkt_2", "priorityGroup", "2026-12-02T01:01:00.000Z"),
      ticket("tkt_1", "standard", "2026-12-02T00:59:00.000Z"),
    ];
    expect([...queue].sort(compareTickets).map((t) => t.id)).toEqual([
      "tkt_3",
      "tkt_2",
      "tkt_4",
      "tkt_1",
      "tkt_5",
    ]);
  });

  it("derives the priority: appointment over group over none", () => {
    expect(priorityOf({ appointmentId: "apt_1", priorityGroup: "elderly" })).toBe("appointment");
    expect(priorityOf({ priorityGroup: "military" })).toBe("priorityGroup");
    expect(priorityOf({ priorityGroup: "disabled" })).toBe("priorityGroup");
    expect(priorityOf({})).toBe("standard");
  });

  it("writes a sort key that orders exactly as the comparison does", () => {
    const arbitraryTicket = fc.record({
      id: fc.integer({ min: 0, max: 99_999 }).map((n) => `tkt_${String(n).padStart(26, "0")}`),
      priority: fc.constantFrom(...PRIORITIES),
      issuedAt: fc
        .integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2026-12-31T00:00:00Z") })
        .map((ms) => new Date(ms).toISOString()),
    });
    fc.assert(
      fc.property(fc.array(arbitraryTicket, { maxLength: 30 }), (tickets) => {
        const byKey = [...tickets].sort((a, b) =>
          queueRank(a) < queueRank(b) ? -1 : queueRank(a) > queueRank(b) ? 1 : 0,
        );
        const byRule = [...tickets].sort(compareTickets);
        expect(byKey.map(queueRank)).toEqual(byRule.map(queueRank));
      }),
    );
  });
});

describe("ticket numbers", () => {
  it("has a prefix per kind of service, Y for an appointment, and at least three digits", () => {
    expect(ticketNumber(ticketPrefix({ service: "consultation" }), 1)).toBe("A001");
    expect(ticketNumber(ticketPrefix({ service: "application" }), 42)).toBe("B042");
    expect(ticketNumber(ticketPrefix({ service: "assisted" }), 7)).toBe("C007");
    expect(ticketPrefix({ service: "crossRegion" })).toBe("D");
    expect(ticketPrefix({ service: "unresolvedMatter" })).toBe("E");
    expect(ticketNumber(ticketPrefix({ service: "application", appointmentId: "apt_1" }), 3)).toBe("Y003");
    expect(ticketNumber("B", 1234)).toBe("B1234");
  });
});

describe("which window serves which ticket (art. 13, 15)", () => {
  const window = (type: WindowType, itemIds: string[] = [], languages = ["zh"]) => ({
    type,
    itemIds,
    languages,
  });
  const serves = windowServesTicket;

  it("matches each window type to its kind of service", () => {
    expect(serves(window("generalConsultation"), { service: "consultation" })).toBe(true);
    expect(serves(window("generalConsultation"), { service: "application", itemId: "itm_A" })).toBe(false);
    expect(serves(window("assistedHandling"), { service: "assisted" })).toBe(true);
    expect(serves(window("assistedHandling"), { service: "consultation" })).toBe(false);
    expect(serves(window("crossRegion"), { service: "crossRegion", itemId: "itm_A" })).toBe(true);
    expect(serves(window("crossRegion"), { service: "application", itemId: "itm_A" })).toBe(false);
    expect(serves(window("unresolvedMatters"), { service: "unresolvedMatter" })).toBe(true);
    expect(serves(window("unresolvedMatters"), { service: "consultation" })).toBe(false);
  });

  it("serves applications at acceptance and department windows only for their items", () => {
    const application = { service: "application" as const, itemId: "itm_A" };
    expect(serves(window("generalAcceptance", ["itm_A", "itm_B"]), application)).toBe(true);
    expect(serves(window("generalAcceptance", ["itm_B"]), application)).toBe(false);
    expect(serves(window("generalAcceptance", []), application)).toBe(true); // 无差别综合受理
    expect(serves(window("department", ["itm_A"]), application)).toBe(true);
    expect(serves(window("department", []), application)).toBe(false);
    expect(serves(window("department", ["itm_A"]), { service: "consultation", itemId: "itm_A" })).toBe(false);
  });

  it("keeps assisted handling and cross-region windows to their item lists when they have one", () => {
    expect(serves(window("assistedHandling", ["itm_A"]), { service: "assisted", itemId: "itm_A" })).toBe(
      true,
    );
    expect(serves(window("assistedHandling", ["itm_A"]), { service: "assisted", itemId: "itm_B" })).toBe(
      false,
    );
    expect(serves(window("assistedHandling", ["itm_A"]), { service: "assisted" })).toBe(true);
    expect(serves(window("crossRegion", ["itm_A"]), { service: "crossRegion", itemId: "itm_B" })).toBe(false);
  });

  it("sends foreign-language tickets to windows that speak the language, and Chinese ones elsewhere", () => {
    const foreign = window("foreignLanguage", ["itm_A"], ["zh", "en", "ja"]);
    expect(serves(foreign, { service: "application", itemId: "itm_Z", language: "en" })).toBe(true);
    expect(serves(foreign, { service: "consultation", language: "ja" })).toBe(true);
    expect(serves(foreign, { service: "consultation", language: "ko" })).toBe(false);
    expect(serves(foreign, { service: "consultation" })).toBe(false);
    expect(
      serves(window("generalConsultation", [], ["zh", "en"]), { service: "consultation", language: "en" }),
    ).toBe(true);
    expect(serves(window("generalConsultation"), { service: "consultation", language: "en" })).toBe(false);
  });

  it("lets a general-acceptance window without a list take every item, any other window only listed ones", () => {
    expect(windowServesItem({ type: "generalAcceptance", itemIds: [] }, "itm_A")).toBe(true);
    expect(windowServesItem({ type: "department", itemIds: [] }, "itm_A")).toBe(false);
    expect(windowServesItem({ type: "foreignLanguage", itemIds: ["itm_A"] }, "itm_A")).toBe(true);
  });
});

describe("walk-ins (art. 22)", () => {
  const refusal = (input: Parameters<typeof admitWalkIn>[0]) => {
    try {
      admitWalkIn(input);
      return undefined;
    } catch (error) {
      return (error as RuleViolationError).rule;
    }
  };

  it("serves anyone in legal hours and still accepts walk-ins in extended hours", () => {
    expect(
      admitWalkIn({ period: "full", service: "application", appointmentOnly: false, lane: "standard" }),
    ).toEqual({
      extendedHours: false,
    });
    expect(
      admitWalkIn({
        period: "appointment",
        service: "application",
        appointmentOnly: false,
        lane: "standard",
      }),
    ).toEqual({
      extendedHours: true,
    });
  });

  it("issues nothing outside service hours, not even through the emergency lane", () => {
    expect(
      refusal({ period: "closed", service: "application", appointmentOnly: false, lane: "standard" }),
    ).toBe("outside-service-hours");
    expect(
      refusal({ period: "closed", service: "application", appointmentOnly: true, lane: "emergency" }),
    ).toBe("outside-service-hours");
  });

  it("serves only consultations and reports in a rest-day opening for consultation and receipt", () => {
    const at = (service: "consultation" | "unresolvedMatter" | "application" | "assisted") =>
      refusal({ period: "consultationAndReceipt", service, appointmentOnly: false, lane: "standard" });
    expect([at("consultation"), at("unresolvedMatter")]).toEqual([undefined, undefined]);
    expect([at("application"), at("assisted")]).toEqual([
      "consultation-and-receipt-only",
      "consultation-and-receipt-only",
    ]);
    expect(
      refusal({ period: "selfService", service: "consultation", appointmentOnly: false, lane: "standard" }),
    ).toBe("self-service-only");
  });

  it("keeps an appointment-only item to appointments, except through the emergency lane", () => {
    expect(refusal({ period: "full", service: "application", appointmentOnly: true, lane: "standard" })).toBe(
      "appointment-only",
    );
    expect(
      refusal({ period: "appointment", service: "application", appointmentOnly: true, lane: "standard" }),
    ).toBe("appointment-only");
    expect(
      admitWalkIn({ period: "full", service: "application", appointmentOnly: true, lane: "emergency" }),
    ).toEqual({
      extendedHours: false,
    });
  });

  it("names the field a ticket request gets wrong", () => {
    const paths = (body: unknown) => issueTicketSchema.safeParse(body).error?.issues.map((i) => i.path);
    expect(paths({})).toEqual([["service"]]);
    expect(paths({ service: "application" })).toEqual([["itemId"]]);
    expect(paths({ service: "consultation", lane: "emergency" })).toEqual([["reason"]]);
    expect(paths({ service: "consultation", reason: "急需" })).toEqual([["reason"]]);
    expect(paths({ appointmentId: "apt_01JSEED0000000000000000001", service: "consultation" })).toEqual([
      ["service"],
    ]);
    expect(issueTicketSchema.parse({ service: "consultation", language: "zh" }).language).toBeUndefined();
  });
});

describe("the ticket's life", () => {
  it("waits, is called, served and completed; a called ticket may be a no-show; called or serving may transfer", () => {
    for (const state of TICKET_STATES) {
      for (const command of TICKET_COMMANDS) {
        const allowed = (ticketTransitions[state] as Record<string, string>)[command];
        if (allowed) expect(nextTicketState(state, command)).toBe(allowed);
        else expect(() => nextTicketState(state, command)).toThrow(InvalidTransitionError);
      }
    }
    expect(nextTicketState("serving", "transfer")).toBe("waiting");
    expect(() => nextTicketState("waiting", "complete")).toThrow(InvalidTransitionError);
  });
});
