import * as z from "zod";
import { STAFF_ROLES } from "#shared/auth/roles.ts";
import {
  commonErrors,
  conflict,
  idSchema,
  notFound,
  pageQuery,
  unprocessable,
} from "#shared/http/schemas.ts";
import { route, type ScheduleDefinition } from "#shared/manifest/types.ts";
import { bookAppointmentSchema, rescheduleSchema, slotQuerySchema } from "./domain/appointments.ts";
import { issueTicketSchema, transferTicketSchema } from "./domain/tickets.ts";
import {
  appointmentPageSchema,
  appointmentSlotsSchema,
  appointmentSchema,
  calledTicketSchema,
  checkedInSchema,
  lobbyBoardSchema,
  ticketSchema,
  windowQueueSchema,
} from "./queue.schema.ts";

const appointmentParams = z.object({ appointmentId: idSchema("apt") });
const ticketParams = z.object({ ticketId: idSchema("tkt") });
const writes = { ...commonErrors, ...notFound, ...conflict, ...unprocessable };
const CLERK = ["clerk"] as const;
const BOOKERS = ["applicant", "clerk"] as const;

/** Appointments (art. 22) and queue tickets (art. 13–14). */
export const queueRoutes = {
  listSlots: route("GET /v1/appointments/slots", {
    handler: "list-appointment-slots",
    auth: "public",
    summary: "An item's appointment slots on a date in a center, with capacity, booked and remaining places",
    description:
      "Slots of the guide's length in the legal working hours of working days and in extended hours (early, late, " +
      "Saturday; marked `extendedHours`). Capacity = open windows serving the item × appointments per window. Only " +
      "from today up to the guide's `bookAheadDays`.",
    query: slotQuerySchema,
    responses: {
      200: { description: "The slots", schema: appointmentSlotsSchema },
      400: commonErrors[400],
      ...unprocessable,
    },
  }),
  bookAppointment: route("POST /v1/appointments", {
    handler: "book-appointment",
    auth: BOOKERS,
    summary: "Book a slot (on site, by phone or online, art. 22)",
    description:
      "An applicant books for themselves. A clerk books for an applicant at the clerk's own center and may name " +
      "the applicant's account in `applicantUserId`, which then owns the appointment; without it only the " +
      "center's staff see it. A full slot is 409 `slot-full`.",
    body: bookAppointmentSchema,
    responses: { 201: { description: "The appointment", schema: appointmentSchema }, ...writes },
  }),
  getAppointment: route("GET /v1/appointments/{appointmentId}", {
    handler: "get-appointment",
    auth: ["applicant", ...STAFF_ROLES],
    summary: "An appointment, for its owner or the staff of its center",
    params: appointmentParams,
    responses: {
      200: { description: "The appointment", schema: appointmentSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  rescheduleAppointment: route("POST /v1/appointments/{appointmentId}/reschedule", {
    handler: "reschedule-appointment",
    auth: BOOKERS,
    summary: "Move a booked appointment to another slot before it begins",
    params: appointmentParams,
    body: rescheduleSchema,
    responses: { 200: { description: "The appointment", schema: appointmentSchema }, ...writes },
  }),
  cancelAppointment: route("POST /v1/appointments/{appointmentId}/cancel", {
    handler: "cancel-appointment",
    auth: BOOKERS,
    summary: "Cancel a booked appointment before it begins, releasing its place",
    params: appointmentParams,
    responses: { 200: { description: "The appointment", schema: appointmentSchema }, ...writes },
  }),
  checkInAppointment: route("POST /v1/appointments/{appointmentId}/check-in", {
    handler: "check-in-appointment",
    auth: CLERK,
    summary: "Check an appointment in at its center and issue a ticket with appointment priority",
    description:
      "Open from `checkInEarlyMinutes` before the slot until `noShowGraceMinutes` after its start.",
    params: appointmentParams,
    responses: { 201: { description: "The appointment and its ticket", schema: checkedInSchema }, ...writes },
  }),
  listMyAppointments: route("GET /v1/me/appointments", {
    handler: "list-my-appointments",
    auth: ["applicant"],
    summary: "The caller's own appointments, by slot time",
    query: z.object(pageQuery),
    responses: {
      200: { description: "A page of appointments", schema: appointmentPageSchema },
      ...commonErrors,
    },
  }),

  listCenterAppointments: route("GET /v1/centers/{centerId}/appointments", {
    handler: "list-center-appointments",
    auth: STAFF_ROLES,
    summary: "A center's appointments still to check in on a date, by slot time (its own staff)",
    params: z.object({ centerId: idSchema("ctr") }),
    query: z.object({ date: z.iso.date() }),
    responses: {
      200: {
        description: "The booked appointments",
        schema: z.object({ items: z.array(appointmentSchema) }).meta({ id: "CenterAppointments" }),
      },
      ...commonErrors,
    },
  }),

  listCalendarConflicts: route("GET /v1/centers/{centerId}/appointment-calendar-conflicts", {
    handler: "list-appointment-calendar-conflicts",
    auth: STAFF_ROLES,
    summary:
      "Bookings a published holiday schedule put on a day the center does not serve then (its own staff), by slot time",
    description:
      "Each appointment with `calendarConflict` (the year, the schedule's version, the holiday) and its state now; " +
      "applicants with an account were told in their inbox, the others are for the center to call.",
    params: z.object({ centerId: idSchema("ctr") }),
    query: z.object(pageQuery),
    responses: {
      200: { description: "A page of appointments", schema: appointmentPageSchema },
      ...commonErrors,
    },
  }),

  issueTicket: route("POST /v1/tickets", {
    handler: "issue-ticket",
    auth: CLERK,
    summary: "Issue a queue ticket at the clerk's center: a walk-in, or an appointment's check-in",
    description:
      "Walk-ins are served in legal hours, accepted in extended hours, refused outside service hours (422). An " +
      'appointment-only item takes walk-ins only through the emergency lane (`lane: "emergency"` with a reason).',
    body: issueTicketSchema,
    responses: { 201: { description: "The ticket", schema: ticketSchema }, ...writes },
  }),
  getTicket: route("GET /v1/tickets/{ticketId}", {
    handler: "get-ticket",
    auth: STAFF_ROLES,
    summary: "A ticket, for the staff of its center",
    params: ticketParams,
    responses: { 200: { description: "The ticket", schema: ticketSchema }, ...commonErrors, ...notFound },
  }),
  windowQueue: route("GET /v1/windows/{windowId}/queue", {
    handler: "get-window-queue",
    auth: ["clerk", "admin", "supervisor"],
    summary: "The tickets a window would call, in order, with the counts by service and priority",
    description:
      "Today's waiting tickets this window serves (its type, items and languages), those transferred to it first, " +
      "then by priority and issue time — the order `call-next` takes them in. Staff of the window's center only.",
    params: z.object({ windowId: idSchema("win") }),
    responses: {
      200: { description: "The window's queue", schema: windowQueueSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  lobbyBoard: route("GET /v1/centers/{centerId}/lobby", {
    handler: "get-lobby-board",
    auth: "public",
    summary:
      "The lobby's calling screen: the latest calls with their windows, and who waits per service (public)",
    description:
      "For the screen in the hall (叫号屏, art. 13), which polls it every second: the day's latest calls, newest " +
      "first, by ticket number and window code, and the waiting tickets per service. No personal data. Cacheable " +
      "for one second, so any number of screens cost the same.",
    params: z.object({ centerId: idSchema("ctr") }),
    responses: {
      200: { description: "The board", schema: lobbyBoardSchema },
      400: commonErrors[400],
      ...notFound,
    },
  }),
  callNext: route("POST /v1/windows/{windowId}/call-next", {
    handler: "call-next-ticket",
    auth: CLERK,
    summary: "Call the next ticket this window serves",
    description:
      "A ticket transferred to this window first, then by priority (appointment, priority groups of art. 14, " +
      "others) and issue time, among the tickets the window's type, items and languages serve. Answers 200 with " +
      "`{ ticket: null }` when nothing this window serves is waiting.",
    params: z.object({ windowId: idSchema("win") }),
    responses: {
      200: { description: "`{ ticket }`, null when nobody waits", schema: calledTicketSchema },
      ...writes,
    },
  }),
  serveTicket: route("POST /v1/tickets/{ticketId}/serve", {
    handler: "serve-ticket",
    auth: CLERK,
    summary: "The called applicant reached the window: service starts",
    params: ticketParams,
    responses: { 200: { description: "The ticket", schema: ticketSchema }, ...writes },
  }),
  completeTicket: route("POST /v1/tickets/{ticketId}/complete", {
    handler: "complete-ticket",
    auth: CLERK,
    summary: "Service at the window is over",
    params: ticketParams,
    responses: { 200: { description: "The ticket", schema: ticketSchema }, ...writes },
  }),
  markTicketNoShow: route("POST /v1/tickets/{ticketId}/no-show", {
    handler: "mark-ticket-no-show",
    auth: CLERK,
    summary: "The ticket was called but nobody came",
    params: ticketParams,
    responses: { 200: { description: "The ticket", schema: ticketSchema }, ...writes },
  }),
  transferTicket: route("POST /v1/tickets/{ticketId}/transfer", {
    handler: "transfer-ticket",
    auth: CLERK,
    summary:
      "Send the ticket to another window; it waits there first in line, keeping its issue time and priority",
    params: ticketParams,
    body: transferTicketSchema,
    responses: { 200: { description: "The ticket", schema: ticketSchema }, ...writes },
  }),
};

export const queueSchedules: ScheduleDefinition[] = [
  {
    name: "no-shows",
    handler: "mark-no-shows",
    schedule: { rate: "5 minutes" },
    description: "Mark booked appointments not checked in by their start plus the grace period as no-shows",
  },
];
