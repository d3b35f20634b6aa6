import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, assertOwnerOrCenterStaff, type Principal } from "#shared/auth/principal.ts";
import type { Page } from "#shared/aws/pagination.ts";
import type { CalendarSource } from "#shared/calendar/holiday-schedule.ts";
import { calendarOverrides } from "#shared/calendar/working-days.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { NotFoundError, RuleViolationError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import {
  assertNotBegun,
  bookingOwner,
  checkBookingDate,
  findSlot,
  nextAppointmentState,
  slotCapacity,
  slotsOn,
  type Appointment,
  type BookAppointmentInput,
  type SlotTime,
} from "../domain/appointments.ts";
import type { CenterRef } from "../domain/reference.ts";
import type { GuideSnapshot } from "../domain/guide-snapshot.ts";
import { appointmentBooked, appointmentCancelled, appointmentRescheduled } from "../contract/queue-events.ts";

type Ports = Pick<IntakePorts, "reference" | "appointments" | "clock" | "ids" | "policy" | "calendar">;
type Path = (string | number)[];

/**
 * The center and the guide in force, for an item that is handled there (resident, art. 18). A field that names
 * nothing usable is the caller's error, named: 400 for an unknown center, 422 for an item the center does not handle.
 */
async function bookableItem(
  centerId: string,
  itemId: string,
  path: (field: "centerId" | "itemId") => Path,
  { reference }: Pick<Ports, "reference">,
): Promise<{ center: CenterRef; guide: GuideSnapshot }> {
  const [center, status, guide] = await Promise.all([
    reference.center(centerId),
    reference.itemStatus(centerId, itemId),
    reference.currentGuide(itemId),
  ]);
  if (!center) throw new ValidationError([{ path: path("centerId"), message: "no such center" }]);
  if (status?.status.status !== "resident") {
    throw new RuleViolationError(
      "item-not-resident",
      `Item ${itemId} is not handled in this center (art. 18).`,
      [{ path: path("itemId"), message: "not handled in this center" }],
    );
  }
  if (!guide) {
    throw new RuleViolationError("no-guide", `Item ${itemId} has no published guide yet.`, [
      { path: path("itemId"), message: "no published guide" },
    ]);
  }
  return { center, guide };
}

/**
 * A date's slots for an item in a center and the places each has (open windows serving it × policy), with the source
 * of the date's calendar (a provisional year's days off are the statutory holidays alone).
 */
async function slotPlan(
  center: CenterRef,
  guide: GuideSnapshot,
  date: string,
  { reference, policy, calendar }: Pick<Ports, "reference" | "policy" | "calendar">,
): Promise<{ slots: SlotTime[]; capacity: number; calendar: CalendarSource }> {
  const [closures, openings, windows, working] = await Promise.all([
    reference.closures(center.id),
    reference.openings(center.id),
    reference.windows(center.id),
    calendar.calendar(),
  ]);
  const slots = slotsOn(
    date,
    center.hours,
    working,
    calendarOverrides({ closed: closures }),
    guide.guide.appointment.slotMinutes,
    openings,
  );
  return {
    slots,
    capacity: slotCapacity(windows, guide.itemId, policy.appointmentsPerWindow),
    calendar: working.sourceOf(date),
  };
}

export interface SlotView extends SlotTime {
  capacity: number;
  booked: number;
  remaining: number;
  /** Still ahead and not full. */
  bookable: boolean;
}

/**
 * The slots of a date for an item in a center (art. 22): within legal hours on working days and within extended
 * hours, each with its capacity, places booked and places left. Only from today up to the guide's book-ahead days.
 */
export async function listSlots(
  query: { centerId: string; itemId: string; date: string },
  ports: Ports,
): Promise<{
  centerId: string;
  itemId: string;
  date: string;
  calendar: CalendarSource;
  slotMinutes: number;
  slots: SlotView[];
}> {
  const { center, guide } = await bookableItem(query.centerId, query.itemId, (f) => ["query", f], ports);
  const now = ports.clock.now();
  const rules = guide.guide.appointment;
  checkBookingDate(query.date, businessDate(now), rules.bookAheadDays, ["query", "date"]);
  const { slots, capacity, calendar } = await slotPlan(center, guide, query.date, ports);
  const booked = await ports.appointments.bookedCounts(
    center.id,
    query.itemId,
    slots.map((s) => s.start),
  );
  return {
    centerId: center.id,
    itemId: query.itemId,
    date: query.date,
    calendar,
    slotMinutes: rules.slotMinutes,
    slots: slots.map((slot, i) => {
      const remaining = Math.max(0, capacity - booked[i]!);
      return {
        ...slot,
        capacity,
        booked: booked[i]!,
        remaining,
        bookable: remaining > 0 && Date.parse(slot.start) > now.getTime(),
      };
    }),
  };
}

/** The slot at `slotStart` for this center and item, checked against the book-ahead limit and the clock. */
async function chosenSlot(
  centerId: string,
  itemId: string,
  slotStart: string,
  path: (field: "centerId" | "itemId" | "slotStart") => Path,
  ports: Ports,
): Promise<{ slot: SlotTime; capacity: number; date: string }> {
  const { center, guide } = await bookableItem(centerId, itemId, path, ports);
  const now = ports.clock.now();
  const date = businessDate(new Date(slotStart));
  checkBookingDate(date, businessDate(now), guide.guide.appointment.bookAheadDays, path("slotStart"));
  const { slots, capacity } = await slotPlan(center, guide, date, ports);
  return { slot: findSlot(slots, slotStart, now, path("slotStart")), capacity, date };
}

/**
 * Book an appointment (art. 22: on site, by phone or online).
 * 1. Decide the owner: the applicant themselves, or — staff booking for someone — the account they name, if any.
 * 2. Check the slot: the item is handled in the center, the date within the book-ahead days, the slot real and ahead.
 * 3. Take a place, save the appointment and `appointment.booked` in one transaction: a full slot is a 409.
 */
export async function bookAppointment(
  input: BookAppointmentInput,
  caller: Caller,
  ports: Ports,
): Promise<Appointment> {
  const { principal } = caller;
  if (principal.role !== "applicant") assertCenterScope(principal, input.centerId);
  const ownerId = bookingOwner(principal, input);
  const { slot, capacity, date } = await chosenSlot(
    input.centerId,
    input.itemId,
    input.slotStart,
    (f) => [f],
    ports,
  );
  const now = ports.clock.now().toISOString();
  const appointment: Appointment = {
    id: ports.ids.next("apt"),
    centerId: input.centerId,
    itemId: input.itemId,
    slotStart: slot.start,
    slotEnd: slot.end,
    date,
    extendedHours: slot.extendedHours,
    channel: input.channel,
    ...(ownerId ? { ownerId } : {}),
    bookedBy: { id: principal.sub, role: principal.role },
    state: "booked",
    bookedAt: now,
    rescheduledFrom: [],
    version: 1,
    updatedAt: now,
  };
  const event = newEvent(
    appointmentBooked,
    { ...appointmentFacts(appointment), channel: appointment.channel, ownerId, bookedAt: now },
    causedBy(caller, "intake", appointment.id),
    ports,
  );
  await ports.appointments.book(appointment, capacity, event);
  return appointment;
}

/** The ids and times every appointment event carries. */
const appointmentFacts = (a: Appointment) => ({
  appointmentId: a.id,
  centerId: a.centerId,
  itemId: a.itemId,
  slotStart: a.slotStart,
  slotEnd: a.slotEnd,
  extendedHours: a.extendedHours,
});

/** An applicant changes only their own appointments; staff (clerks) those of their center. */
function assertMayChange(principal: Principal, a: Appointment): void {
  assertOwnerOrCenterStaff(principal, { ownerId: a.ownerId ?? "", centerId: a.centerId });
}

async function appointmentOr404(
  id: string,
  { appointments }: Pick<Ports, "appointments">,
): Promise<Appointment> {
  const appointment = await appointments.get(id);
  if (!appointment) throw new NotFoundError(`Appointment ${id} does not exist.`);
  return appointment;
}

/**
 * Move an appointment to another slot of the same item and center before it begins: the old place is released and
 * a new one taken in one transaction with `appointment.rescheduled`, so the counts never drift.
 */
export async function rescheduleAppointment(
  appointmentId: string,
  input: { slotStart: string },
  caller: Caller,
  ports: Ports,
): Promise<Appointment> {
  const current = await appointmentOr404(appointmentId, ports);
  assertMayChange(caller.principal, current);
  const state = nextAppointmentState(current.state, "reschedule");
  assertNotBegun(current, ports.clock.now(), "reschedule");
  const { slot, capacity, date } = await chosenSlot(
    current.centerId,
    current.itemId,
    input.slotStart,
    (f) => (f === "slotStart" ? ["slotStart"] : []),
    ports,
  );
  if (slot.start === current.slotStart) {
    throw new RuleViolationError("same-slot", "The appointment is already in this slot.", [
      { path: ["slotStart"], message: "the current slot" },
    ]);
  }
  const now = ports.clock.now().toISOString();
  const next: Appointment = {
    ...current,
    state,
    slotStart: slot.start,
    slotEnd: slot.end,
    date,
    extendedHours: slot.extendedHours,
    rescheduledFrom: [...current.rescheduledFrom, current.slotStart],
    version: current.version + 1,
    updatedAt: now,
  };
  const event = newEvent(
    appointmentRescheduled,
    { ...appointmentFacts(next), previousSlotStart: current.slotStart, rescheduledAt: now },
    causedBy(caller, "intake", next.id),
    ports,
  );
  await ports.appointments.reschedule(current, next, capacity, event);
  return next;
}

/** Cancel before the slot begins, releasing the place for others. */
export async function cancelAppointment(
  appointmentId: string,
  caller: Caller,
  ports: Ports,
): Promise<Appointment> {
  const current = await appointmentOr404(appointmentId, ports);
  assertMayChange(caller.principal, current);
  const state = nextAppointmentState(current.state, "cancel");
  assertNotBegun(current, ports.clock.now(), "cancel");
  const now = ports.clock.now().toISOString();
  const next: Appointment = {
    ...current,
    state,
    cancelledAt: now,
    version: current.version + 1,
    updatedAt: now,
  };
  const event = newEvent(
    appointmentCancelled,
    { ...appointmentFacts(next), cancelledAt: now },
    causedBy(caller, "intake", next.id),
    ports,
  );
  await ports.appointments.cancel(next, event);
  return next;
}

/** One appointment, for its owner or the staff of its center. */
export async function getAppointment(
  appointmentId: string,
  principal: Principal,
  ports: Pick<Ports, "appointments">,
): Promise<Appointment> {
  const appointment = await appointmentOr404(appointmentId, ports);
  assertOwnerOrCenterStaff(principal, { ownerId: appointment.ownerId ?? "", centerId: appointment.centerId });
  return appointment;
}

/** The caller's own appointments, by slot time, a page at a time. */
export function listMyAppointments(
  page: { cursor?: string; limit: number },
  principal: Principal,
  { appointments }: Pick<Ports, "appointments">,
): Promise<Page<Appointment>> {
  return appointments.byOwner(principal.sub, page);
}

/**
 * A center's appointments still to check in on a date, by slot time: the window's list of who is coming today
 * (art. 22). Checked-in, cancelled and missed ones have left the list.
 */
export async function listCenterAppointments(
  centerId: string,
  date: string,
  principal: Principal,
  { appointments }: Pick<Ports, "appointments">,
): Promise<{ items: Appointment[] }> {
  assertCenterScope(principal, centerId);
  return { items: await appointments.due(date, "~", centerId) };
}

/**
 * The bookings a published holiday schedule put on days the center does not serve, for the center's staff (the
 * administration calls those booked by phone for someone without an account), with each booking's state now.
 */
export function listCalendarConflicts(
  centerId: string,
  page: { cursor?: string; limit: number },
  principal: Principal,
  { appointments }: Pick<Ports, "appointments">,
): Promise<Page<Appointment>> {
  assertCenterScope(principal, centerId);
  return appointments.calendarConflicts(centerId, page);
}
