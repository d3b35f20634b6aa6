import * as z from "zod";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import { CALENDAR_SOURCES } from "#shared/calendar/holiday-schedule.ts";
import { APPOINTMENT_CHANNELS, APPOINTMENT_STATES } from "./domain/appointments.ts";
import { LANES, PRIORITIES, PRIORITY_GROUPS, TICKET_SERVICES, TICKET_STATES } from "./domain/tickets.ts";

/** The answers about appointments and queue tickets (art. 13, 22; issue 16), described once. */
const datetime = dateTimeString;

export const appointmentSchema = z
  .object({
    id: z.string(),
    centerId: z.string(),
    itemId: z.string(),
    slotStart: datetime,
    slotEnd: datetime,
    date: z.string().meta({ format: "date" }),
    extendedHours: z.boolean(),
    channel: z.enum(APPOINTMENT_CHANNELS),
    ownerId: z.string().optional(),
    bookedBy: z.object({ id: z.string(), role: z.string() }),
    state: z.enum(APPOINTMENT_STATES),
    bookedAt: datetime,
    rescheduledFrom: z.array(datetime),
    checkedInAt: datetime.optional(),
    ticketId: z.string().optional(),
    cancelledAt: datetime.optional(),
    noShowAt: datetime.optional(),
    calendarConflict: z
      .object({
        year: z.number().int(),
        calendarVersion: z.number().int(),
        holiday: z.string().optional(),
        detectedAt: datetime,
      })
      .optional(),
    version: z.number().int(),
    updatedAt: datetime,
  })
  .meta({ id: "Appointment" });

export const appointmentPageSchema = pageOf(appointmentSchema, "AppointmentPage");

export const ticketSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    centerId: z.string(),
    businessDate: z.string().meta({ format: "date" }),
    service: z.enum(TICKET_SERVICES),
    itemId: z.string().optional(),
    priority: z.enum(PRIORITIES),
    priorityGroup: z.enum(PRIORITY_GROUPS).optional(),
    language: z.string().optional(),
    lane: z.enum(LANES),
    emergencyReason: z.string().optional(),
    appointmentId: z.string().optional(),
    extendedHours: z.boolean(),
    state: z.enum(TICKET_STATES),
    issuedAt: datetime,
    issuedBy: z.string(),
    windowId: z.string().optional(),
    targetWindowId: z.string().optional(),
    calledAt: datetime.optional(),
    servingStartedAt: datetime.optional(),
    completedAt: datetime.optional(),
    noShowAt: datetime.optional(),
    transfers: z.array(
      z.object({
        fromWindowId: z.string(),
        toWindowId: z.string(),
        reason: z.string(),
        at: datetime,
        calledAt: datetime,
        servingStartedAt: datetime.optional(),
      }),
    ),
    version: z.number().int(),
    updatedAt: datetime,
  })
  .meta({ id: "Ticket" });

export const calledTicketSchema = z
  .object({ ticket: ticketSchema.nullable().meta({ description: "null when nobody is waiting" }) })
  .meta({ id: "CalledTicket" });

export const checkedInSchema = z
  .object({ appointment: appointmentSchema, ticket: ticketSchema })
  .meta({ id: "CheckedIn" });

export const appointmentSlotsSchema = z
  .object({
    centerId: z.string(),
    itemId: z.string(),
    date: z.string().meta({ format: "date" }),
    calendar: z
      .enum(CALENDAR_SOURCES)
      .meta({ description: "`provisional` while the year has no published schedule" }),
    slotMinutes: z.number().int(),
    slots: z.array(
      z.object({
        start: datetime,
        end: datetime,
        extendedHours: z.boolean(),
        capacity: z.number().int(),
        booked: z.number().int(),
        remaining: z.number().int(),
        bookable: z.boolean(),
      }),
    ),
  })
  .meta({ id: "AppointmentSlots" });

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(
    Object.fromEntries(keys.map((k) => [k, z.number().int().optional()])) as Record<
      T[number],
      z.ZodOptional<z.ZodNumber>
    >,
  );

export const windowQueueSchema = z
  .object({
    windowId: z.string(),
    code: z.string().meta({ description: "The window's code in the hall (A01)" }),
    status: z.string().meta({ description: "`open` or `closed`" }),
    businessDate: z.string().meta({ format: "date" }),
    total: z.number().int().meta({ description: "Waiting tickets this window serves" }),
    byService: countsOf(TICKET_SERVICES).meta({ description: "Waiting tickets per service; absent is none" }),
    byPriority: countsOf(PRIORITIES).meta({
      description: "Waiting tickets per priority level; absent is none",
    }),
    waiting: z
      .array(
        ticketSchema
          .pick({
            number: true,
            service: true,
            itemId: true,
            priority: true,
            priorityGroup: true,
            language: true,
            lane: true,
            issuedAt: true,
          })
          .extend({
            ticketId: z.string(),
            transferred: z
              .boolean()
              .meta({ description: "Transferred to this window: called before the others" }),
          }),
      )
      .meta({ description: "In the order this window calls them" }),
  })
  .meta({ id: "WindowQueue" });

/** The lobby's calling screen (叫号屏, art. 13): public, so ticket numbers and window codes only. */
export const lobbyBoardSchema = z
  .object({
    centerId: z.string(),
    centerName: z.string(),
    businessDate: z.string().meta({ format: "date", description: "The center's day (Beijing time)" }),
    calls: z
      .array(
        z.object({
          number: z.string().meta({ description: "The ticket's number (A012)" }),
          windowCode: z.string().meta({ description: "The window called to, by its code in the hall" }),
          service: z.enum(TICKET_SERVICES),
          calledAt: dateTimeString,
        }),
      )
      .meta({ description: "The latest calls of the day, newest first" }),
    waiting: countsOf(TICKET_SERVICES).meta({ description: "Tickets waiting per service; absent is none" }),
    totalWaiting: z.number().int(),
    asOf: dateTimeString.meta({
      description: "When the board was read: a screen shows it as stale when it is old",
    }),
  })
  .meta({ id: "LobbyBoard" });
