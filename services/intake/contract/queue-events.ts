import * as z from "zod";
import { defineEvent, type EventDefinition } from "#shared/events/define-event.ts";
import { APPOINTMENT_CHANNELS, LANES, PRIORITIES, PRIORITY_GROUPS, TICKET_SERVICES } from "./queue-values.ts";

/**
 * Intake's events about appointments (art. 22) and queue tickets (art. 13–14). They carry ids, times and rules, never
 * personal data: supervision computes foot traffic, waiting time, service time and window load from them (art. 13);
 * delivery can remind an applicant through `ownerId`.
 */

const datetime = z.iso.datetime({ offset: true });

const appointmentRef = {
  appointmentId: z.string(),
  centerId: z.string(),
  itemId: z.string(),
  /** Beijing time with offset. */
  slotStart: datetime,
  slotEnd: datetime,
  extendedHours: z.boolean(),
};

export const appointmentBooked = defineEvent(
  "appointment.booked",
  1,
  z.object({
    ...appointmentRef,
    channel: z.enum(APPOINTMENT_CHANNELS),
    ownerId: z.string().optional(),
    bookedAt: datetime,
  }),
  "An appointment was booked for a slot (art. 22: on site, by phone or online).",
);

export const appointmentRescheduled = defineEvent(
  "appointment.rescheduled",
  1,
  z.object({ ...appointmentRef, previousSlotStart: datetime, rescheduledAt: datetime }),
  "An appointment moved to another slot; the old slot's place was released.",
);

export const appointmentCancelled = defineEvent(
  "appointment.cancelled",
  1,
  z.object({ ...appointmentRef, cancelledAt: datetime }),
  "An appointment was cancelled before its slot; its place was released.",
);

export const appointmentCheckedIn = defineEvent(
  "appointment.checked-in",
  1,
  z.object({ ...appointmentRef, checkedInAt: datetime, ticketId: z.string(), ticketNumber: z.string() }),
  "The applicant arrived and checked in: a queue ticket with appointment priority was issued.",
);

export const appointmentNoShow = defineEvent(
  "appointment.no-show",
  1,
  z.object({ ...appointmentRef, markedAt: datetime }),
  "Nobody checked in by the slot's start plus the grace period.",
);

export const appointmentCalendarConflict = defineEvent(
  "appointment.calendar-conflict",
  1,
  z.object({
    ...appointmentRef,
    ownerId: z.string().optional(),
    /** The published year that made the day a rest day the center does not serve. */
    year: z.number().int(),
    calendarVersion: z.number().int(),
    /** The holiday the day now belongs to, if any (春节…). */
    holiday: z.string().optional(),
    detectedAt: datetime,
  }),
  "A booked appointment falls on a day the published holiday schedule made a rest day its center does not serve then: the center's administration lists it, the applicant is told to choose another slot.",
);

/** What every ticket event says, so each can be read alone (waiting time = calledAt − issuedAt, …). */
const ticketFacts = {
  ticketId: z.string(),
  number: z.string(),
  centerId: z.string(),
  businessDate: z.iso.date(),
  service: z.enum(TICKET_SERVICES),
  itemId: z.string().optional(),
  priority: z.enum(PRIORITIES),
  priorityGroup: z.enum(PRIORITY_GROUPS).optional(),
  lane: z.enum(LANES),
  language: z.string().optional(),
  appointmentId: z.string().optional(),
  extendedHours: z.boolean(),
  issuedAt: datetime,
};
const atWindow = { windowId: z.string(), calledAt: datetime };

export const ticketIssued = defineEvent(
  "ticket.issued",
  1,
  z.object(ticketFacts),
  "A queue ticket was issued: a walk-in, or an appointment's check-in (art. 13–14, 22).",
);

export const ticketCalled = defineEvent(
  "ticket.called",
  1,
  z.object({ ...ticketFacts, ...atWindow, transferred: z.boolean() }),
  "A window called the ticket (waiting time ends).",
);

export const ticketServingStarted = defineEvent(
  "ticket.serving-started",
  1,
  z.object({ ...ticketFacts, ...atWindow, servingStartedAt: datetime }),
  "The applicant came to the window and service began.",
);

export const ticketCompleted = defineEvent(
  "ticket.completed",
  1,
  z.object({ ...ticketFacts, ...atWindow, servingStartedAt: datetime, completedAt: datetime }),
  "Service at the window ended (service time = completedAt − servingStartedAt).",
);

export const ticketNoShow = defineEvent(
  "ticket.no-show",
  1,
  z.object({ ...ticketFacts, ...atWindow, noShowAt: datetime }),
  "The ticket was called but nobody came to the window.",
);

export const ticketTransferred = defineEvent(
  "ticket.transferred",
  1,
  z.object({
    ...ticketFacts,
    ...atWindow,
    servingStartedAt: datetime.optional(),
    toWindowId: z.string(),
    transferredAt: datetime,
  }),
  "A window sent the ticket to another window; it waits there ahead of new tickets, with its issue time and priority.",
);

export const appointmentEvents = [
  appointmentBooked,
  appointmentRescheduled,
  appointmentCancelled,
  appointmentCheckedIn,
  appointmentNoShow,
  appointmentCalendarConflict,
] as const;

export const ticketEvents = [
  ticketIssued,
  ticketCalled,
  ticketServingStarted,
  ticketCompleted,
  ticketNoShow,
  ticketTransferred,
] as const;

export const queueEvents: EventDefinition[] = [...appointmentEvents, ...ticketEvents];
