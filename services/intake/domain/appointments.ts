import * as z from "zod";
import { ConflictError, InvalidTransitionError, RuleViolationError } from "#shared/errors.ts";
import { idSchema } from "#shared/http/schemas.ts";
import type { CalendarOverrides, WorkingCalendar } from "#shared/calendar/working-days.ts";
import {
  BUSINESS_UTC_OFFSET_MS,
  DAY_MS,
  businessDate,
  dateOfEpochDay,
  daysBetween,
  epochDay,
  startOfBusinessDate,
} from "#shared/calendar/time-zone.ts";
import type { DateOpening, Offer, REST_DAY_KINDS, ServiceHours, TimeRange } from "./center-projection.ts";
import { windowServesItem, type WindowTraits } from "./tickets.ts";
import { APPOINTMENT_CHANNELS } from "../contract/queue-values.ts";

export { APPOINTMENT_CHANNELS };

/**
 * Appointments (预约, art. 22): slots within a center's service hours, capacity from the windows that serve the item,
 * and the appointment's life from booking to check-in, cancellation or no-show.
 */

export type AppointmentChannel = (typeof APPOINTMENT_CHANNELS)[number];

export const APPOINTMENT_STATES = ["booked", "checkedIn", "cancelled", "noShow"] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];
export const APPOINTMENT_COMMANDS = ["reschedule", "cancel", "checkIn", "markNoShow"] as const;
export type AppointmentCommand = (typeof APPOINTMENT_COMMANDS)[number];
type RestDayKind = (typeof REST_DAY_KINDS)[number];

type Transitions = { [S in AppointmentState]: Partial<Record<AppointmentCommand, AppointmentState>> };

/** Only a booked appointment changes; the three outcomes are final. */
export const appointmentTransitions = {
  booked: { reschedule: "booked", cancel: "cancelled", checkIn: "checkedIn", markNoShow: "noShow" },
  checkedIn: {},
  cancelled: {},
  noShow: {},
} as const satisfies Transitions;

export function nextAppointmentState(state: AppointmentState, command: AppointmentCommand): AppointmentState {
  const next = (appointmentTransitions[state] as Partial<Record<AppointmentCommand, AppointmentState>>)[
    command
  ];
  if (!next) throw new InvalidTransitionError(state, command, `A ${state} appointment cannot ${command}.`);
  return next;
}

export interface Appointment {
  id: string;
  centerId: string;
  itemId: string;
  /** Beijing time with offset, e.g. 2026-12-02T09:30:00+08:00 (also the slot's identity). */
  slotStart: string;
  slotEnd: string;
  /** The slot's Beijing business date. */
  date: string;
  /** The slot lies in extended hours (early, late, Saturday), which are served by appointment (art. 22). */
  extendedHours: boolean;
  channel: AppointmentChannel;
  /**
   * The applicant account (token `sub`) that owns it and may see and change it. Absent when a clerk booked by phone
   * or on site for someone without an account: then only the center's staff see it.
   */
  ownerId?: string;
  bookedBy: { id: string; role: string };
  state: AppointmentState;
  bookedAt: string;
  /** Earlier slots, oldest first. */
  rescheduledFrom: string[];
  checkedInAt?: string;
  ticketId?: string;
  cancelledAt?: string;
  noShowAt?: string;
  /**
   * A published holiday schedule made the slot's day a rest day the center does not serve then: listed for the
   * center's administration; the applicant is told to move or cancel it (the booking itself stands until they do).
   */
  calendarConflict?: { year: number; calendarVersion: number; holiday?: string; detectedAt: string };
  version: number;
  updatedAt: string;
}

const slotStartSchema = z.iso.datetime({ offset: true });

export const bookAppointmentSchema = z.object({
  centerId: idSchema("ctr"),
  itemId: idSchema("itm"),
  slotStart: slotStartSchema,
  channel: z.enum(APPOINTMENT_CHANNELS),
  /** Staff booking for an applicant (phone, on site) name the applicant's account here, if they have one. */
  applicantUserId: z.string().trim().min(1).max(128).optional(),
});
export type BookAppointmentInput = z.output<typeof bookAppointmentSchema>;

export const rescheduleSchema = z.object({ slotStart: slotStartSchema });

export const slotQuerySchema = z.object({
  centerId: idSchema("ctr"),
  itemId: idSchema("itm"),
  date: z.iso.date(),
});

/** What a center offers at a moment (its regime, catalog's `Offer`), or nothing. */
export type ServicePeriod = Offer | "closed";

/** A rest day a center opens on its own: its hours and what it offers (catalog's `DateOpening`). */
export type DayOpening = Pick<DateOpening, "hours" | "offers">;

export interface ServiceRange {
  /** Minutes after 00:00 Beijing time. */
  from: number;
  to: number;
  offer: Offer;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const range = (r: TimeRange, offer: Offer): ServiceRange => ({
  from: toMinutes(r.from),
  to: toMinutes(r.to),
  offer,
});

/**
 * When a center serves on a date and what (art. 10, 22; its regime). A day the center closed: nothing. A working day
 * (national calendar, make-up days included): legal hours with full service, early and late hours by appointment. A
 * rest day: the Saturday hours on a plain Saturday, and every rest-day opening for that kind of day — a public holiday
 * only where an opening covers it and its festival is not excepted. So a holiday that falls on a Saturday gets no
 * Saturday hours, and a make-up working Saturday (调休) gets the legal hours.
 */
export function serviceRangesOn(
  date: string,
  hours: ServiceHours,
  calendar: WorkingCalendar,
  overrides?: CalendarOverrides,
  openings?: ReadonlyMap<string, DayOpening>,
): ServiceRange[] {
  if (overrides?.closed?.has(date)) return [];
  const day = calendar.day(date);
  const ranges: ServiceRange[] = [];
  const opening = day.working ? undefined : openings?.get(date);
  if (opening) {
    // The center's own opening of this rest day replaces its rest-day openings.
    ranges.push(...opening.hours.map((r) => range(r, opening.offers)));
  } else if (day.working) {
    const { early, late } = hours.extended;
    if (early) ranges.push(range(early, "appointment"));
    ranges.push(...hours.workingDays.map((r) => range(r, "full")));
    if (late) ranges.push(range(late, "appointment"));
  } else {
    if (day.kind === "saturday")
      ranges.push(...(hours.extended.saturday ?? []).map((r) => range(r, "appointment")));
    const festivals = day.holiday?.festivals ?? [];
    for (const opening of hours.restDays ?? []) {
      if (!opening.on.includes(day.kind as RestDayKind)) continue;
      if (opening.exceptFestivals?.some((f) => festivals.includes(f))) continue;
      ranges.push(...opening.hours.map((r) => range(r, opening.offers)));
    }
  }
  return ranges.sort((a, b) => a.from - b.from);
}

/** What the center offers at an instant (walk-in tickets, art. 22). */
export function servicePeriodAt(
  at: Date,
  hours: ServiceHours,
  calendar: WorkingCalendar,
  overrides?: CalendarOverrides,
  openings?: ReadonlyMap<string, DayOpening>,
): ServicePeriod {
  const minute = Math.floor(
    ((((at.getTime() + BUSINESS_UTC_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000,
  );
  const hit = serviceRangesOn(businessDate(at), hours, calendar, overrides, openings).find(
    (r) => r.from <= minute && minute < r.to,
  );
  return hit?.offer ?? "closed";
}

/** Beijing time with its offset, to the second: the one form slot times are shown and keyed in (sorts as time). */
export function beijingTime(at: Date): string {
  return `${new Date(at.getTime() + BUSINESS_UTC_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

export interface SlotTime {
  start: string;
  end: string;
  extendedHours: boolean;
}

/** Appointments are taken in full service and in appointment hours; never where only consultation or self-service is. */
const BOOKABLE: readonly Offer[] = ["full", "appointment"];

/**
 * The bookable slots of a date: consecutive slots of `slotMinutes` from the start of each bookable service range,
 * each wholly inside it (a slot never runs past closing or into the lunch break).
 */
export function slotsOn(
  date: string,
  hours: ServiceHours,
  calendar: WorkingCalendar,
  overrides: CalendarOverrides | undefined,
  slotMinutes: number,
  openings?: ReadonlyMap<string, DayOpening>,
): SlotTime[] {
  const midnight = startOfBusinessDate(date).getTime();
  const at = (minute: number) => beijingTime(new Date(midnight + minute * 60_000));
  return serviceRangesOn(date, hours, calendar, overrides, openings)
    .filter((r) => BOOKABLE.includes(r.offer))
    .flatMap((r) => {
      const slots: SlotTime[] = [];
      for (let m = r.from; m + slotMinutes <= r.to; m += slotMinutes) {
        slots.push({ start: at(m), end: at(m + slotMinutes), extendedHours: r.offer === "appointment" });
      }
      return slots;
    });
}

/**
 * Places per slot: every open window of the center that serves the item takes `perWindow` appointments (policy).
 */
export function slotCapacity(
  windows: readonly (WindowTraits & { status: string })[],
  itemId: string,
  perWindow: number,
): number {
  return windows.filter((w) => w.status === "open" && windowServesItem(w, itemId)).length * perWindow;
}

/** A date may be booked from today up to `bookAheadDays` calendar days ahead (the item's guide, art. 22). */
export function checkBookingDate(
  date: string,
  today: string,
  bookAheadDays: number,
  path: (string | number)[],
): void {
  const ahead = daysBetween(today, date);
  if (ahead < 0) {
    throw new RuleViolationError("booking-in-the-past", `${date} is in the past.`, [
      { path, message: "in the past" },
    ]);
  }
  if (ahead > bookAheadDays) {
    throw new RuleViolationError(
      "book-ahead-limit",
      `This item can be booked at most ${bookAheadDays} days ahead; ${date} is ${ahead} days ahead.`,
      [{ path, message: `at most ${bookAheadDays} days ahead` }],
    );
  }
}

/** The slot that starts at `start` (any offset), still ahead of `now`; otherwise a 422 naming the field. */
export function findSlot(
  slots: readonly SlotTime[],
  start: string,
  now: Date,
  path: (string | number)[],
): SlotTime {
  const at = Date.parse(start);
  const slot = slots.find((s) => Date.parse(s.start) === at);
  if (!slot) {
    throw new RuleViolationError(
      "not-a-slot",
      `${start} is not the start of a slot of this item in this center's service hours.`,
      [{ path, message: "not a slot start: list the slots with GET /v1/appointments/slots" }],
    );
  }
  if (at <= now.getTime()) {
    throw new RuleViolationError("slot-passed", `The slot at ${slot.start} has already begun.`, [
      { path, message: "already begun" },
    ]);
  }
  return slot;
}

/** Every place of the slot is taken (409, with what the caller needs to pick another). */
export class SlotFullError extends ConflictError {
  override readonly code: string = "slot-full";
  constructor(slotStart: string, capacity: number) {
    super(
      capacity === 0
        ? `No open window serves this item at ${slotStart}: the slot has no places.`
        : `The slot at ${slotStart} is full (all ${capacity} places are booked); choose another slot.`,
      { slotStart, capacity },
    );
  }
}

/** Check-in is open from `earlyMinutes` before the start until `graceMinutes` after it (policy). */
export function checkInWindow(
  slotStart: string,
  policy: { checkInEarlyMinutes: number; noShowGraceMinutes: number },
): { opensAt: Date; closesAt: Date } {
  const start = Date.parse(slotStart);
  return {
    opensAt: new Date(start - policy.checkInEarlyMinutes * 60_000),
    closesAt: new Date(start + policy.noShowGraceMinutes * 60_000),
  };
}

export function assertCheckInTime(
  slotStart: string,
  now: Date,
  policy: { checkInEarlyMinutes: number; noShowGraceMinutes: number },
): void {
  const { opensAt, closesAt } = checkInWindow(slotStart, policy);
  if (now < opensAt) {
    throw new RuleViolationError(
      "check-in-too-early",
      `Check-in for the ${slotStart} appointment opens at ${beijingTime(opensAt)}.`,
    );
  }
  if (now > closesAt) {
    throw new RuleViolationError(
      "check-in-too-late",
      `Check-in for the ${slotStart} appointment closed at ${beijingTime(closesAt)}: take a walk-in ticket.`,
    );
  }
}

/** An appointment not checked in by its start plus the grace (policy) is missed: those that started by this time. */
export const noShowCutoff = (now: Date, graceMinutes: number) =>
  new Date(now.getTime() - graceMinutes * 60_000);

/**
 * How many days back the no-show sweep looks. The sweep runs every few minutes and normally finds everything in
 * today's partition; the days before cover a sweep that was down (or a virtual clock that jumped). Each is one small
 * query of a sparse index, so the cost stays with the appointments actually due.
 */
export const NO_SHOW_LOOKBACK_DAYS = 7;

/** The business dates whose due appointments the sweep reads, oldest first, ending with the cutoff's date. */
export function noShowSweepDates(cutoff: Date): string[] {
  const last = epochDay(businessDate(cutoff));
  return Array.from({ length: NO_SHOW_LOOKBACK_DAYS + 1 }, (_, i) =>
    dateOfEpochDay(last - NO_SHOW_LOOKBACK_DAYS + i),
  );
}

/**
 * A booked appointment is cancelled or moved only before its slot begins: that frees the place for others. After
 * the start it is checked in, or becomes a no-show.
 */
export function assertNotBegun(
  appointment: Pick<Appointment, "slotStart">,
  now: Date,
  command: Extract<AppointmentCommand, "cancel" | "reschedule">,
): void {
  if (Date.parse(appointment.slotStart) <= now.getTime()) {
    throw new RuleViolationError(
      "appointment-begun",
      `The appointment began at ${appointment.slotStart}; it can no longer be ${command === "cancel" ? "cancelled" : "rescheduled"}.`,
    );
  }
}

/**
 * Who owns a booking. An applicant books for themselves. Staff book for an applicant (phone, on site; art. 22) and
 * may name the applicant's account (`applicantUserId`), which then owns it; without one only the center's staff see
 * it. Only staff take bookings by phone.
 */
export function bookingOwner(
  principal: { sub: string; role: string },
  input: Pick<BookAppointmentInput, "channel" | "applicantUserId">,
): string | undefined {
  if (principal.role === "applicant") {
    if (input.applicantUserId !== undefined && input.applicantUserId !== principal.sub) {
      throw new RuleViolationError("book-for-self", "An applicant books only for themselves.", [
        { path: ["applicantUserId"], message: "only staff book for someone else" },
      ]);
    }
    if (input.channel === "phone") {
      throw new RuleViolationError("phone-booking", "Phone bookings are taken by the center's staff.", [
        { path: ["channel"], message: "use online or onSite" },
      ]);
    }
    return principal.sub;
  }
  return input.applicantUserId;
}
