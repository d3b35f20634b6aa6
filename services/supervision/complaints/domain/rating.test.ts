import { describe, expect, it } from "vitest";
import type { Principal } from "#shared/auth/principal.ts";
import { ConflictError, RuleViolationError } from "#shared/errors.ts";
import {
  appeal,
  assertMayRate,
  completeRectification,
  decideAppeal,
  DEFAULT_RATING_POLICY,
  endOfNthDay,
  newRating,
  openRectification,
  goesToHotline,
  recordFollowUpCall,
  recordHotlineVerification,
  type RatingInput,
  type ServedFacts,
} from "./rating.ts";
import { hotspots, ratingRates, rectificationRates } from "../contract/rates.ts";

const servedAt = "2026-05-11T02:00:00.000Z"; // 10:00 Beijing
const visit: ServedFacts = { centerId: "ctr_1", windowId: "win_1", servedAt };
const applicant: Principal = { sub: "usr_a", role: "applicant" };
const input = (level: RatingInput["level"], more: Partial<RatingInput> = {}): RatingInput => ({
  subject: { kind: "ticket", ticketId: "tkt_1" },
  level,
  dimensions: { attitude: level },
  channel: "qrCode",
  ...more,
});
const rated = (level: RatingInput["level"], at = servedAt, id = "rtg_1") =>
  newRating(id, input(level), visit, applicant, DEFAULT_RATING_POLICY, at);

describe("a rating", () => {
  it("is taken until 24:00 Beijing of the 15th day after the service, not before the service", () => {
    const last = endOfNthDay(servedAt, 15);
    expect(last).toBe("2026-05-26T16:00:00.000Z");
    expect(rated("satisfied", "2026-05-26T15:59:59.000Z").month).toBe("2026-05");
    expect(() => rated("satisfied", "2026-05-26T16:00:01.000Z")).toThrow(/15 days/);
    expect(() => rated("satisfied", "2026-05-11T01:59:00.000Z")).toThrow(/not been completed/);
  });

  it("rates the dimensions of its mode only", () => {
    expect(() =>
      newRating(
        "r",
        input("satisfied", { dimensions: { platformUsability: "satisfied" } }),
        visit,
        applicant,
        DEFAULT_RATING_POLICY,
        servedAt,
      ),
    ).toThrow(/offline/);
  });

  it("is the owner's for a case, and staff's only through their center's window evaluator", () => {
    const caseInput = input("satisfied", { subject: { kind: "application", applicationId: "app_1" } });
    const served = { ...visit, ownerId: "usr_a" };
    expect(() => assertMayRate(applicant, caseInput, served)).not.toThrow();
    expect(() => assertMayRate({ sub: "usr_b", role: "applicant" }, caseInput, served)).toThrow(/owns/);
    const clerk: Principal = { sub: "usr_c", role: "clerk", centerId: "ctr_1" };
    expect(() => assertMayRate(clerk, input("satisfied", { channel: "windowDevice" }), visit)).not.toThrow();
    expect(() => assertMayRate(clerk, input("satisfied"), visit)).toThrow(/evaluator/);
    expect(() =>
      assertMayRate({ ...clerk, centerId: "ctr_2" }, input("satisfied", { channel: "windowDevice" }), visit),
    ).toThrow();
  });
});

describe("appeal and rectification", () => {
  it("excludes a 差评 only when a different reviewer upholds the appeal", () => {
    expect(() =>
      appeal(rated("satisfied"), { grounds: "mistaken", reason: "x", by: "u1", at: servedAt }),
    ).toThrow(/差评/);
    const appealed = appeal(rated("veryDissatisfied"), {
      grounds: "malicious",
      reason: "x",
      by: "u1",
      at: servedAt,
    });
    expect(() =>
      decideAppeal(appealed, { upheld: true, reason: "y", reviewerId: "u1", at: servedAt }),
    ).toThrow(/other/);
    const upheld = decideAppeal(appealed, { upheld: true, reason: "y", reviewerId: "u2", at: servedAt });
    expect(upheld.excluded).toBe(true);
    expect(() =>
      decideAppeal(upheld, { upheld: false, reason: "z", reviewerId: "u3", at: servedAt }),
    ).toThrow();
  });

  it("takes an appeal up to the end of the appeal period, not after it (art. 52)", () => {
    const bad = rated("dissatisfied");
    const appealBy = "2026-05-14T16:00:00.000Z";
    const input = { grounds: "mistaken" as const, reason: "x", by: "u1" };
    expect(appeal(bad, { ...input, at: appealBy }, appealBy).appeal!.state).toBe("pending");
    expect(() => appeal(bad, { ...input, at: "2026-05-14T16:00:00.001Z" }, appealBy)).toThrow(
      /period to appeal/,
    );
  });

  it("gives 7 days, needs the follow-up call for a real-name 差评, and records whether it was on time", () => {
    const r = openRectification("rct_1", rated("dissatisfied"), DEFAULT_RATING_POLICY);
    expect(r.dueAt).toBe("2026-05-18T16:00:00.000Z");
    expect(() => completeRectification(r, "m", servedAt)).toThrow(/follow-up/);
    const called = recordFollowUpCall(r, { calledAt: servedAt, reached: true, by: "u" });
    expect(completeRectification(called, "m", "2026-05-18T15:00:00.000Z").onTime).toBe(true);
    expect(completeRectification(called, "m", "2026-05-19T01:00:00.000Z").onTime).toBe(false);
  });
});

describe("a real-name 差评 and the 12345 system (art. 52)", () => {
  const check = { verificationId: "HX-1", outcome: "confirmed" as const, verifiedAt: servedAt };

  it("goes to the hotline only when it is a 差评 and the rater is known", () => {
    expect(goesToHotline(rated("dissatisfied"))).toBe(true);
    expect(goesToHotline(rated("satisfied"))).toBe(false);
    expect(goesToHotline({ ...rated("veryDissatisfied"), realName: false })).toBe(false);
  });

  it("records the hotline's verification once: the same one again changes nothing, another conflicts", () => {
    const first = recordHotlineVerification(rated("dissatisfied"), check, servedAt);
    expect(first.recorded).toBe(true);
    expect(first.rating.hotlineVerification).toMatchObject({ outcome: "confirmed", recordedAt: servedAt });
    expect(recordHotlineVerification(first.rating, check, servedAt)).toEqual({
      rating: first.rating,
      recorded: false,
    });
    expect(() =>
      recordHotlineVerification(first.rating, { ...check, verificationId: "HX-2" }, servedAt),
    ).toThrow(ConflictError);
    expect(() => recordHotlineVerification(rated("satisfied"), check, servedAt)).toThrow(RuleViolationError);
  });
});

describe("rates", () => {
  it("leave excluded ratings out and count 差评 and satisfaction among the rest", () => {
    const list = [
      rated("verySatisfied", servedAt, "a"),
      rated("basicallySatisfied", servedAt, "b"),
      rated("dissatisfied", servedAt, "c"),
      { ...rated("veryDissatisfied", servedAt, "d"), excluded: true },
    ];
    expect(ratingRates(list)).toMatchObject({
      total: 3,
      excluded: 1,
      bad: 1,
      satisfaction: { numerator: 2, denominator: 3, rate: 0.6667 },
    });
    expect(ratingRates([]).satisfaction.rate).toBeNull();
  });

  it("count a rectification on time only once it is done or due", () => {
    const r = openRectification("rct_1", rated("dissatisfied"), DEFAULT_RATING_POLICY);
    expect(rectificationRates([r], servedAt).onTime.denominator).toBe(0);
    expect(rectificationRates([r], "2026-05-19T00:00:00.000Z").onTime).toEqual({
      numerator: 0,
      denominator: 1,
      rate: 0,
    });
  });

  it("rank hotspots by count, then key", () => {
    expect(hotspots(["b", "a", "b", undefined, "a", "c"], (x) => x)).toEqual([
      { key: "a", count: 2 },
      { key: "b", count: 2 },
      { key: "c", count: 1 },
    ]);
  });
});
