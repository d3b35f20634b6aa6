import { describe, expect, it } from "vitest";
import { calendarOverrides, WorkingCalendar } from "#shared/calendar/working-days.ts";
import { officialYear } from "#shared/calendar/holiday-schedule.ts";
import { InvalidTransitionError, RuleViolationError } from "#shared/errors.ts";
import type { ServiceHours } from "./center-projection.ts";
import {
  APPOINTMENT_COMMANDS,
  APPOINTMENT_STATES,
  appointmentTransitions,
  assertNotBegun,
  assertCheckInTime,
  beijingTime,
  bookingOwner,
  checkBookingDate,
  findSlot,
  nextAppointmentState,
  noShowCutoff,
  noShowSweepDates,
  servicePeriodAt,
  slotCapacity,
  slotsOn,
  NO_SHOW_LOOKBACK_DAYS,
} from "./appointments.ts";

/** Haidian's hours in the seed: no lunch break, early and late extended hours, Saturday mornings and afternoons. */
const haidian: ServiceHours = {
  workingDays: [{ from: "09:00", to: "17:00" }],
  extended: {
    early: { from: "08:30", to: "09:00" },
    late: { from: "17:00", to: "19:00" },
    saturday: [
      { from: "09:00", to: "12:00" },
      { from: "13:30", to: "16:00" },
    ],
  },
};
/** Beijing's legal hours with the lunch break, no extended hours. */
const legalOnly: ServiceHours = {
  workingDays: [
    { from: "09:00", to: "12:00" },
    { from: "13:30", to: "17:00" },
  ],
  extended: {},
};

/** The city center's regime since 2026-01-01: open all year but the Spring Festival holiday (seed data). */
const city: ServiceHours = {
  workingDays: [{ from: "08:30", to: "17:30" }],
  extended: { saturday: [{ from: "08:30", to: "12:00" }] },
  restDays: [
    {
      on: ["saturday", "sunday", "holiday"],
      exceptFestivals: ["springFestival"],
      hours: [{ from: "13:00", to: "17:00" }],
      offers: "consultationAndReceipt",
    },
    {
      on: ["sunday", "holiday"],
      exceptFestivals: ["springFestival"],
      hours: [{ from: "08:30", to: "12:00" }],
      offers: "consultationAndReceipt",
    },
  ],
  selfService: { allDay: true },
};

/** Nothing published: the package's years, provisional ones after 2026. */
const calendar = new WorkingCalendar();

const times = (slots: { start: string }[]) => slots.map((s) => s.start.slice(11, 16));
const at = (local: string) => new Date(`${local}+08:00`);
const ruleOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof RuleViolationError ? { rule: error.rule, errors: error.errors } : error;
  }
  return undefined;
};

describe("appointment slots (art. 10, 22)", () => {
  it("fills a working day's legal hours and marks the early and late extended hours", () => {
    // 2026-12-02 is a Wednesday, a plain working day
    const slots = slotsOn("2026-12-02", haidian, calendar, undefined, 15);
    const extended = slots.filter((s) => s.extendedHours);
    expect(slots).toHaveLength(2 + 32 + 8);
    expect(slots[0]).toEqual({
      start: "2026-12-02T08:30:00+08:00",
      end: "2026-12-02T08:45:00+08:00",
      extendedHours: true,
    });
    expect(times(extended)).toEqual([
      "08:30",
      "08:45",
      "17:00",
      "17:15",
      "17:30",
      "17:45",
      "18:00",
      "18:15",
      "18:30",
      "18:45",
    ]);
    expect(slots.find((s) => s.start.endsWith("09:00:00+08:00"))?.extendedHours).toBe(false);
    expect(slots.at(-1)?.end).toBe("2026-12-02T19:00:00+08:00");
  });

  it("never lets a slot run into the lunch break or past closing", () => {
    expect(times(slotsOn("2026-12-02", legalOnly, calendar, undefined, 60))).toEqual([
      "09:00",
      "10:00",
      "11:00",
      "13:30",
      "14:30",
      "15:30",
    ]);
  });

  it("serves a Saturday that is not a working day in its Saturday extended hours only", () => {
    const slots = slotsOn("2026-12-05", haidian, calendar, undefined, 30);
    expect(times(slots)).toEqual([
      "09:00",
      "09:30",
      "10:00",
      "10:30",
      "11:00",
      "11:30",
      "13:30",
      "14:00",
      "14:30",
      "15:00",
      "15:30",
    ]);
    expect(slots.every((s) => s.extendedHours)).toBe(true);
    expect(slotsOn("2026-12-05", legalOnly, calendar, undefined, 30)).toEqual([]);
  });

  it("gives a make-up working Saturday (调休, 2026-02-14) the legal hours of a working day", () => {
    const slots = slotsOn("2026-02-14", haidian, calendar, undefined, 60);
    expect(slots.find((s) => s.start === "2026-02-14T09:00:00+08:00")?.extendedHours).toBe(false);
    expect(times(slots.filter((s) => !s.extendedHours))).toEqual([
      "09:00",
      "10:00",
      "11:00",
      "12:00",
      "13:00",
      "14:00",
      "15:00",
      "16:00",
    ]);
  });

  it("has no slots on Sundays, public holidays and the center's closures", () => {
    const closed = calendarOverrides({ closed: ["2026-12-03", "2026-12-05"] });
    expect(slotsOn("2026-12-06", haidian, calendar, undefined, 15)).toEqual([]); // Sunday
    expect(slotsOn("2026-10-05", haidian, calendar, undefined, 15)).toEqual([]); // National Day holiday, a Monday
    expect(slotsOn("2026-12-03", haidian, calendar, closed, 15)).toEqual([]); // a closed Thursday
    expect(slotsOn("2026-12-05", haidian, calendar, closed, 15)).toEqual([]); // a closed Saturday
    expect(slotsOn("2026-12-04", haidian, calendar, closed, 15)).not.toEqual([]);
  });

  it("offers slots in a provisional year on its working days, none on its statutory holidays", () => {
    // 2027 is not published: 2027-01-04 is a Monday; 2027-02-08 (正月初三) a statutory holiday, a Monday
    expect(slotsOn("2027-01-04", haidian, calendar, undefined, 15)).toHaveLength(42);
    expect(slotsOn("2027-02-08", haidian, calendar, undefined, 15)).toEqual([]);
    // 2027-05-01 (Sat) is Labour Day: no Saturday hours
    expect(slotsOn("2027-05-01", haidian, calendar, undefined, 15)).toEqual([]);
  });

  it("gives a public holiday that falls on a Saturday no Saturday hours (2026-10-03, 2026-02-21, 2026-05-02)", () => {
    for (const date of ["2026-10-03", "2026-02-21", "2026-05-02"]) {
      expect(slotsOn(date, haidian, calendar, undefined, 15), date).toEqual([]);
    }
    expect(slotsOn("2026-12-05", haidian, calendar, undefined, 15)).not.toEqual([]); // a plain Saturday
  });

  it("follows a published year: a make-up Sunday has the legal hours, a holiday none", () => {
    const published = new WorkingCalendar([
      officialYear(
        2027,
        {
          holidays: [{ name: "春节", from: "2027-02-05", to: "2027-02-11" }],
          makeUpWorkingDays: ["2027-01-31"],
          notice: { number: "示例〔2026〕1号", date: "2026-11-20" },
        },
        { version: 1, publishedAt: "2026-11-20T10:00:00+08:00" },
      ),
    ]);
    expect(times(slotsOn("2027-01-31", legalOnly, published, undefined, 60))).toEqual([
      "09:00",
      "10:00",
      "11:00",
      "13:30",
      "14:30",
      "15:30",
    ]);
    expect(slotsOn("2027-02-10", legalOnly, published, undefined, 60)).toEqual([]);
    expect(slotsOn("2027-02-10", legalOnly, calendar, undefined, 60)).not.toEqual([]);
  });

  it("keeps to the city center's regime: Saturday mornings by appointment, other rest days consultation only, Spring Festival closed", () => {
    // 2026-12-05 Saturday: appointment slots in the morning only; the afternoon is for consultation
    expect(times(slotsOn("2026-12-05", city, calendar, undefined, 60))).toEqual(["08:30", "09:30", "10:30"]);
    expect(servicePeriodAt(at("2026-12-05T14:00:00"), city, calendar)).toBe("consultationAndReceipt");
    // Sunday and National Day: consultation and receipt, no slots
    expect(slotsOn("2026-12-06", city, calendar, undefined, 60)).toEqual([]);
    expect(servicePeriodAt(at("2026-12-06T09:00:00"), city, calendar)).toBe("consultationAndReceipt");
    expect(servicePeriodAt(at("2026-10-05T09:00:00"), city, calendar)).toBe("consultationAndReceipt");
    // National Day on a Saturday: a holiday, not a plain Saturday
    expect(servicePeriodAt(at("2026-10-03T09:00:00"), city, calendar)).toBe("consultationAndReceipt");
    // Spring Festival 2026 (2/15–2/23): closed, Saturdays included
    expect(servicePeriodAt(at("2026-02-17T10:00:00"), city, calendar)).toBe("closed");
    expect(servicePeriodAt(at("2026-02-21T10:00:00"), city, calendar)).toBe("closed");
    // a working day: full service
    expect(servicePeriodAt(at("2026-12-07T09:00:00"), city, calendar)).toBe("full");
  });

  it("opens a rest day the center opened on its own, replacing its rest-day openings, never a working day", () => {
    const openings = new Map([
      ["2026-12-06", { hours: [{ from: "09:00", to: "11:00" }], offers: "appointment" as const }],
      ["2026-12-13", { hours: [{ from: "09:00", to: "12:00" }], offers: "selfService" as const }],
      ["2026-12-07", { hours: [{ from: "06:00", to: "07:00" }], offers: "appointment" as const }],
    ]);
    // a Sunday Haidian does not open otherwise: two appointment slots
    expect(times(slotsOn("2026-12-06", haidian, calendar, undefined, 60, openings))).toEqual([
      "09:00",
      "10:00",
    ]);
    expect(
      slotsOn("2026-12-06", haidian, calendar, undefined, 60, openings).every((s) => s.extendedHours),
    ).toBe(true);
    // the city center's Sunday consultation hours give way to a self-service day
    expect(servicePeriodAt(at("2026-12-13T10:00:00"), city, calendar, undefined, openings)).toBe(
      "selfService",
    );
    expect(servicePeriodAt(at("2026-12-13T14:00:00"), city, calendar, undefined, openings)).toBe("closed");
    // a working day keeps its own hours
    expect(servicePeriodAt(at("2026-12-07T06:30:00"), haidian, calendar, undefined, openings)).toBe("closed");
  });

  it("tells legal hours, extended hours and closed times apart (walk-ins)", () => {
    expect(servicePeriodAt(at("2026-12-02T08:40:00"), haidian, calendar)).toBe("appointment");
    expect(servicePeriodAt(at("2026-12-02T09:00:00"), haidian, calendar)).toBe("full");
    expect(servicePeriodAt(at("2026-12-02T16:59:59"), haidian, calendar)).toBe("full");
    expect(servicePeriodAt(at("2026-12-02T17:00:00"), haidian, calendar)).toBe("appointment");
    expect(servicePeriodAt(at("2026-12-02T19:00:00"), haidian, calendar)).toBe("closed");
    expect(servicePeriodAt(at("2026-12-02T07:59:00"), haidian, calendar)).toBe("closed");
    expect(servicePeriodAt(at("2026-12-02T12:30:00"), legalOnly, calendar)).toBe("closed");
    expect(servicePeriodAt(at("2026-12-05T10:00:00"), haidian, calendar)).toBe("appointment");
    expect(servicePeriodAt(at("2026-12-06T10:00:00"), haidian, calendar)).toBe("closed");
    expect(
      servicePeriodAt(
        at("2026-12-03T10:00:00"),
        haidian,
        calendar,
        calendarOverrides({ closed: ["2026-12-03"] }),
      ),
    ).toBe("closed");
  });
});

describe("slot capacity", () => {
  const item = "itm_A";
  const window = (type: string, itemIds: string[], status = "open") =>
    ({ type, itemIds, languages: ["zh"], status }) as Parameters<typeof slotCapacity>[0][number];

  it("counts open windows that list the item, and general-acceptance windows without a list (无差别综合受理)", () => {
    const windows = [
      window("department", [item]),
      window("department", [item], "closed"),
      window("generalAcceptance", []),
      window("generalAcceptance", ["itm_B"]),
      window("generalConsultation", []),
      window("department", ["itm_B"]),
    ];
    expect(slotCapacity(windows, item, 1)).toBe(2);
    expect(slotCapacity(windows, item, 3)).toBe(6);
    expect(slotCapacity([], item, 1)).toBe(0);
  });
});

describe("booking dates and slots", () => {
  it("takes dates from today to the book-ahead limit, naming the field otherwise", () => {
    const path = ["query", "date"];
    expect(ruleOf(() => checkBookingDate("2026-12-01", "2026-12-02", 14, path))).toEqual({
      rule: "booking-in-the-past",
      errors: [{ path, message: "in the past" }],
    });
    expect(ruleOf(() => checkBookingDate("2026-12-17", "2026-12-02", 14, path))).toMatchObject({
      rule: "book-ahead-limit",
      errors: [{ path }],
    });
    expect(() => checkBookingDate("2026-12-02", "2026-12-02", 14, path)).not.toThrow();
    expect(() => checkBookingDate("2026-12-16", "2026-12-02", 14, path)).not.toThrow();
  });

  it("finds a slot given in any offset, and refuses what is not a slot or has begun", () => {
    const slots = slotsOn("2026-12-02", haidian, calendar, undefined, 15);
    const before = at("2026-12-02T08:00:00");
    expect(findSlot(slots, "2026-12-02T01:00:00Z", before, ["slotStart"]).start).toBe(
      "2026-12-02T09:00:00+08:00",
    );
    expect(ruleOf(() => findSlot(slots, "2026-12-02T09:05:00+08:00", before, ["slotStart"]))).toMatchObject({
      rule: "not-a-slot",
      errors: [{ path: ["slotStart"] }],
    });
    expect(
      ruleOf(() => findSlot(slots, "2026-12-02T09:00:00+08:00", at("2026-12-02T09:00:00"), ["slotStart"])),
    ).toMatchObject({
      rule: "slot-passed",
    });
  });

  it("writes Beijing time with its offset, so keys sort as time", () => {
    expect(beijingTime(new Date("2026-12-01T16:30:00Z"))).toBe("2026-12-02T00:30:00+08:00");
  });
});

describe("the appointment's life", () => {
  it("changes only while booked; checked in, cancelled and no-show are final", () => {
    for (const state of APPOINTMENT_STATES) {
      for (const command of APPOINTMENT_COMMANDS) {
        const allowed = (appointmentTransitions[state] as Record<string, string>)[command];
        if (allowed) expect(nextAppointmentState(state, command)).toBe(allowed);
        else expect(() => nextAppointmentState(state, command)).toThrow(InvalidTransitionError);
      }
    }
    expect(Object.keys(appointmentTransitions.booked)).toEqual([...APPOINTMENT_COMMANDS]);
  });

  it("opens check-in 30 minutes before the start and closes it 15 minutes after", () => {
    const policy = { checkInEarlyMinutes: 30, noShowGraceMinutes: 15 };
    const start = "2026-12-02T10:00:00+08:00";
    expect(ruleOf(() => assertCheckInTime(start, at("2026-12-02T09:29:59"), policy))).toMatchObject({
      rule: "check-in-too-early",
    });
    expect(() => assertCheckInTime(start, at("2026-12-02T09:30:00"), policy)).not.toThrow();
    expect(() => assertCheckInTime(start, at("2026-12-02T10:15:00"), policy)).not.toThrow();
    expect(ruleOf(() => assertCheckInTime(start, at("2026-12-02T10:15:01"), policy))).toMatchObject({
      rule: "check-in-too-late",
    });
  });

  it("cancels and reschedules only before the slot begins", () => {
    const appointment = { slotStart: "2026-12-02T10:00:00+08:00" };
    expect(() => assertNotBegun(appointment, at("2026-12-02T09:59:00"), "cancel")).not.toThrow();
    expect(ruleOf(() => assertNotBegun(appointment, at("2026-12-02T10:00:00"), "cancel"))).toMatchObject({
      rule: "appointment-begun",
    });
    expect(() => assertNotBegun(appointment, at("2026-12-02T10:01:00"), "reschedule")).toThrow(/rescheduled/);
  });

  it("sweeps for no-shows from the grace period back, over today and the days before", () => {
    const cutoff = noShowCutoff(at("2026-12-02T00:10:00"), 15);
    const dates = noShowSweepDates(cutoff);
    expect(beijingTime(cutoff)).toBe("2026-12-01T23:55:00+08:00");
    expect(dates).toHaveLength(NO_SHOW_LOOKBACK_DAYS + 1);
    expect(dates.at(-1)).toBe("2026-12-01");
    expect(dates[0]).toBe("2026-11-24");
  });
});

describe("who owns a booking", () => {
  const applicant = { sub: "usr_a", role: "applicant" };
  const clerk = { sub: "usr_c", role: "clerk" };

  it("is the applicant who books, who cannot book for someone else or by phone", () => {
    expect(bookingOwner(applicant, { channel: "online" })).toBe("usr_a");
    expect(bookingOwner(applicant, { channel: "onSite", applicantUserId: "usr_a" })).toBe("usr_a");
    expect(
      ruleOf(() => bookingOwner(applicant, { channel: "online", applicantUserId: "usr_b" })),
    ).toMatchObject({
      errors: [{ path: ["applicantUserId"] }],
    });
    expect(ruleOf(() => bookingOwner(applicant, { channel: "phone" }))).toMatchObject({
      errors: [{ path: ["channel"] }],
    });
  });

  it("is the account a clerk names, or nobody (the center's staff only)", () => {
    expect(bookingOwner(clerk, { channel: "phone", applicantUserId: "usr_a" })).toBe("usr_a");
    expect(bookingOwner(clerk, { channel: "phone" })).toBeUndefined();
  });
});
