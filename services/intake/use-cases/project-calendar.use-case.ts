import { systemActor } from "#shared/auth/caller.ts";
import { businessDate, dateOfEpochDay, epochDay } from "#shared/calendar/time-zone.ts";
import { calendarOverrides, type WorkingCalendar } from "#shared/calendar/working-days.ts";
import { newEvent, type TypedEnvelope } from "#shared/events/envelope.ts";
import type { calendarYearPublished } from "#services/catalog/contract/events.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import { servicePeriodAt, type Appointment } from "../domain/appointments.ts";
import { appointmentCalendarConflict } from "../contract/queue-events.ts";

type Ports = Pick<IntakePorts, "calendar" | "appointments" | "reference" | "clock" | "ids">;

/** Appointments are served in full service and in appointment hours (the same as the slots offered). */
const SERVES_APPOINTMENTS = ["full", "appointment"];

/**
 * A year's holiday schedule was published: keep it, then look at every booking from today to the year's end on a day
 * that is now a rest day. A booking its center does not serve at that time any more (a holiday that was a plain
 * Saturday, a Monday the notice added to the Spring Festival) is recorded as a conflict — listed for the center's
 * administration and announced, so the applicant is told to choose another slot. Bookings are not cancelled for them:
 * the applicant decides. Safe to repeat: a conflict already recorded for this version is not recorded again.
 */
export async function projectCalendarYear(
  event: TypedEnvelope<typeof calendarYearPublished>,
  ports: Ports,
): Promise<void> {
  await ports.calendar.project(event.data);
  const calendar = await ports.calendar.calendar();
  const { year } = event.data;
  const today = businessDate(ports.clock.now());
  const from = Math.max(epochDay(`${year}-01-01`), epochDay(today));
  for (let day = from; day <= epochDay(`${year}-12-31`); day++) {
    const date = dateOfEpochDay(day);
    const info = calendar.day(date);
    if (info.working) continue;
    const booked = await ports.appointments.due(date, `${date}T23:59:59+08:00`);
    for (const appointment of booked) {
      if ((appointment.calendarConflict?.calendarVersion ?? 0) >= event.data.version) continue;
      if (await stillServed(appointment, calendar, ports)) continue;
      await flag(appointment, info.holiday?.name, event, ports);
    }
  }
}

async function stillServed(appointment: Appointment, calendar: WorkingCalendar, { reference }: Ports) {
  const [center, closures, openings] = await Promise.all([
    reference.center(appointment.centerId),
    reference.closures(appointment.centerId),
    reference.openings(appointment.centerId),
  ]);
  if (!center) return true; // nothing known to judge by: leave it
  const offer = servicePeriodAt(
    new Date(appointment.slotStart),
    center.hours,
    calendar,
    calendarOverrides({ closed: closures }),
    openings,
  );
  return SERVES_APPOINTMENTS.includes(offer);
}

async function flag(
  appointment: Appointment,
  holiday: string | undefined,
  event: TypedEnvelope<typeof calendarYearPublished>,
  ports: Ports,
) {
  const now = ports.clock.now().toISOString();
  const conflict = {
    year: event.data.year,
    calendarVersion: event.data.version,
    ...(holiday ? { holiday } : {}),
    detectedAt: now,
  };
  const next: Appointment = {
    ...appointment,
    calendarConflict: conflict,
    version: appointment.version + 1,
    updatedAt: now,
  };
  const announced = newEvent(
    appointmentCalendarConflict,
    {
      appointmentId: next.id,
      centerId: next.centerId,
      itemId: next.itemId,
      slotStart: next.slotStart,
      slotEnd: next.slotEnd,
      extendedHours: next.extendedHours,
      ...(next.ownerId ? { ownerId: next.ownerId } : {}),
      ...conflict,
    },
    {
      source: "intake",
      subject: next.id,
      actor: systemActor("calendar-projection"),
      correlationId: event.correlationId,
    },
    ports,
  );
  // A booking changed meanwhile (cancelled, moved) is not flagged; a redelivery looks at it again.
  await ports.appointments.flagCalendarConflict(next, announced);
}
