import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, type Principal } from "#shared/auth/principal.ts";
import { calendarOverrides } from "#shared/calendar/working-days.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import {
  assertCheckInTime,
  nextAppointmentState,
  servicePeriodAt,
  type Appointment,
} from "../domain/appointments.ts";
import {
  admitWalkIn,
  nextTicketState,
  priorityOf,
  ticketNumber,
  ticketPrefix,
  windowServesTicket,
  type IssueTicketInput,
  type PriorityGroup,
  type Ticket,
  type TicketService,
} from "../domain/tickets.ts";
import type { WindowRef } from "../domain/reference.ts";
import {
  appointmentCheckedIn,
  ticketCalled,
  ticketCompleted,
  ticketIssued,
  ticketNoShow,
  ticketServingStarted,
  ticketTransferred,
} from "../contract/queue-events.ts";

type Ports = Pick<
  IntakePorts,
  "reference" | "appointments" | "tickets" | "clock" | "ids" | "policy" | "calendar"
>;

/**
 * Services that handle the item in this center, so it must be resident here and its appointment rules apply (art.
 * 18, 22). Not a consultation about it, nor cross-region acceptance of another region's item (art. 38).
 */
const HANDLES_ITEM: readonly TicketService[] = ["application", "assisted"];

/** What every ticket event carries: ids, kind, priority and the issue time; no personal data. */
const facts = (t: Ticket) => ({
  ticketId: t.id,
  number: t.number,
  centerId: t.centerId,
  businessDate: t.businessDate,
  service: t.service,
  itemId: t.itemId,
  priority: t.priority,
  priorityGroup: t.priorityGroup,
  lane: t.lane,
  language: t.language,
  appointmentId: t.appointmentId,
  extendedHours: t.extendedHours,
  issuedAt: t.issuedAt,
});

/** Staff tokens always carry a center (principal schema); a clerk issues and calls only there. */
const centerOf = (principal: Principal) => principal.centerId!;

function newTicket(
  fields: Pick<Ticket, "centerId" | "service" | "lane" | "extendedHours"> &
    Partial<Pick<Ticket, "itemId" | "priorityGroup" | "language" | "emergencyReason" | "appointmentId">>,
  principal: Principal,
  ports: Pick<Ports, "clock" | "ids">,
): Omit<Ticket, "number"> {
  const now = ports.clock.now();
  return {
    ...fields,
    id: ports.ids.next("tkt"),
    businessDate: businessDate(now),
    priority: priorityOf(fields),
    state: "waiting",
    issuedAt: now.toISOString(),
    issuedBy: principal.sub,
    transfers: [],
    version: 1,
    updatedAt: now.toISOString(),
  };
}

async function numbered(
  ticket: Omit<Ticket, "number">,
  { tickets }: Pick<Ports, "tickets">,
): Promise<Ticket> {
  const prefix = ticketPrefix(ticket);
  const n = await tickets.nextNumber(ticket.centerId, ticket.businessDate, prefix);
  return { ...ticket, number: ticketNumber(prefix, n) };
}

/**
 * Issue a ticket at the clerk's center: an appointment's check-in when `appointmentId` is given, else a walk-in.
 * A walk-in is admitted by the hours it arrives in and the item's appointment rules (art. 22).
 */
export async function issueTicket(input: IssueTicketInput, caller: Caller, ports: Ports): Promise<Ticket> {
  if (input.appointmentId) {
    return (await checkIn(input.appointmentId, caller, ports, input)).ticket;
  }
  const centerId = centerOf(caller.principal);
  const service = input.service!;
  const center = await ports.reference.center(centerId);
  if (!center) throw new NotFoundError(`Center ${centerId} is not known to intake yet.`);
  let appointmentOnly = false;
  if (input.itemId && HANDLES_ITEM.includes(service)) {
    const [status, guide] = await Promise.all([
      ports.reference.itemStatus(centerId, input.itemId),
      ports.reference.currentGuide(input.itemId),
    ]);
    if (status?.status.status !== "resident") {
      throw new RuleViolationError(
        "item-not-resident",
        `Item ${input.itemId} is not handled in this center.`,
        [{ path: ["itemId"], message: "not handled in this center" }],
      );
    }
    appointmentOnly = guide?.guide.appointment.mode === "appointmentOnly";
  }
  const [closures, openings, calendar] = await Promise.all([
    ports.reference.closures(centerId),
    ports.reference.openings(centerId),
    ports.calendar.calendar(),
  ]);
  const overrides = calendarOverrides({ closed: closures });
  const { extendedHours } = admitWalkIn({
    period: servicePeriodAt(ports.clock.now(), center.hours, calendar, overrides, openings),
    service,
    appointmentOnly,
    lane: input.lane,
  });
  const ticket = await numbered(
    newTicket(
      {
        centerId,
        service,
        lane: input.lane,
        extendedHours,
        itemId: input.itemId,
        priorityGroup: input.priorityGroup,
        language: input.language,
        emergencyReason: input.reason,
      },
      caller.principal,
      ports,
    ),
    ports,
  );
  const event = newEvent(ticketIssued, facts(ticket), causedBy(caller, "intake", ticket.id), ports);
  await ports.tickets.issue(ticket, event);
  return ticket;
}

/**
 * Check an appointment in (art. 22): at its center, from `checkInEarlyMinutes` before the start until the grace
 * period after it. Issues a ticket with appointment priority; the check-in, the ticket and both events are one
 * transaction.
 */
export async function checkIn(
  appointmentId: string,
  caller: Caller,
  ports: Ports,
  extra: { priorityGroup?: PriorityGroup; language?: string } = {},
): Promise<{ appointment: Appointment; ticket: Ticket }> {
  const appointment = await ports.appointments.get(appointmentId);
  if (!appointment) throw new NotFoundError(`Appointment ${appointmentId} does not exist.`);
  assertCenterScope(caller.principal, appointment.centerId);
  const state = nextAppointmentState(appointment.state, "checkIn");
  assertCheckInTime(appointment.slotStart, ports.clock.now(), ports.policy);
  const ticket = await numbered(
    newTicket(
      {
        centerId: appointment.centerId,
        service: "application",
        itemId: appointment.itemId,
        appointmentId: appointment.id,
        lane: "standard",
        extendedHours: appointment.extendedHours,
        priorityGroup: extra.priorityGroup,
        language: extra.language,
      },
      caller.principal,
      ports,
    ),
    ports,
  );
  const next: Appointment = {
    ...appointment,
    state,
    checkedInAt: ticket.issuedAt,
    ticketId: ticket.id,
    version: appointment.version + 1,
    updatedAt: ticket.issuedAt,
  };
  const checkedIn = newEvent(
    appointmentCheckedIn,
    {
      appointmentId: next.id,
      centerId: next.centerId,
      itemId: next.itemId,
      slotStart: next.slotStart,
      slotEnd: next.slotEnd,
      extendedHours: next.extendedHours,
      checkedInAt: ticket.issuedAt,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
    },
    causedBy(caller, "intake", next.id),
    ports,
  );
  const issued = newEvent(ticketIssued, facts(ticket), causedBy(caller, "intake", ticket.id), ports);
  await ports.tickets.issue(ticket, issued, ports.appointments.checkInWrites(next, checkedIn));
  return { appointment: next, ticket };
}

const CANDIDATES = 5;
const ROUNDS = 5;

/** Today's waiting tickets a window serves, best first (see `ticketStore.candidates`), at most `max`. */
const waitingFor = (window: WindowRef, max: number, ports: Pick<Ports, "clock" | "tickets">) =>
  ports.tickets.candidates(
    window.centerId,
    businessDate(ports.clock.now()),
    window.id,
    (t) => windowServesTicket(window, t),
    max,
  );

/**
 * The window calls its next ticket (art. 13): one transferred to it first, then the best waiting ticket it serves
 * (priority, then first come). Race-safe: a ticket is claimed by removing its queue entry on condition it is still
 * there, so two windows calling at once never get the same one; the loser takes the next candidate. `null` when
 * nothing this window serves is waiting.
 */
export async function callNext(windowId: string, caller: Caller, ports: Ports): Promise<Ticket | null> {
  const centerId = centerOf(caller.principal);
  const window = await ports.reference.window(centerId, windowId);
  if (!window) throw new NotFoundError(`Window ${windowId} is not a window of your center.`);
  if (window.status !== "open") {
    throw new RuleViolationError(
      "window-closed",
      `Window ${window.code} is closed: open it before calling tickets.`,
    );
  }
  for (let round = 0; round < ROUNDS; round++) {
    const candidates = await waitingFor(window, CANDIDATES, ports);
    if (candidates.length === 0) return null;
    for (const candidate of candidates) {
      const { targetWindowId, ...waiting } = candidate.ticket;
      const now = ports.clock.now().toISOString();
      const next: Ticket = {
        ...waiting,
        state: nextTicketState(waiting.state, "call"),
        windowId: window.id,
        calledAt: now,
        version: waiting.version + 1,
        updatedAt: now,
      };
      const event = newEvent(
        ticketCalled,
        { ...facts(next), windowId: window.id, calledAt: now, transferred: targetWindowId !== undefined },
        causedBy(caller, "intake", next.id),
        ports,
      );
      if (await ports.tickets.claim(candidate, next, event, window.code)) return next;
    }
  }
  throw new ConflictError("Other windows keep taking the waiting tickets first; call again.", {
    retryable: true,
  });
}

/** How many calls the lobby screen shows: the one just made, and the few before it people may have missed. */
export const LOBBY_CALLS = 8;

/**
 * The lobby's calling screen (叫号屏, art. 13): the latest calls of the center's day, newest first, and how many wait
 * per service. Public — it hangs in the hall — so it carries ticket numbers and window codes and nothing else.
 */
export async function lobbyBoard(centerId: string, ports: Pick<Ports, "clock" | "tickets" | "reference">) {
  const center = await ports.reference.center(centerId);
  if (!center) throw new NotFoundError(`Center ${centerId} does not exist.`);
  const now = ports.clock.now();
  const date = businessDate(now);
  const { calls, waiting } = await ports.tickets.lobby(centerId, date, LOBBY_CALLS);
  return {
    centerId,
    centerName: center.name,
    businessDate: date,
    calls,
    waiting,
    totalWaiting: Object.values(waiting).reduce((a, b) => a + b, 0),
    asOf: now.toISOString(),
  };
}

/** How many waiting tickets a window's queue view reads: more than a center's busiest day leaves waiting at once. */
const QUEUE_VIEW_MAX = 500;

/**
 * What a window would call, in the order it would call it (tickets transferred to it first, then priority and first
 * come), with the counts by service and priority its clerk and the lobby screen show (art. 13–14). Tickets carry no
 * personal data; the emergency lane's reason stays on the ticket.
 */
export async function windowQueue(windowId: string, caller: Caller, ports: Ports) {
  const centerId = centerOf(caller.principal);
  const window = await ports.reference.window(centerId, windowId);
  if (!window) throw new NotFoundError(`Window ${windowId} is not a window of your center.`);
  const entries = await waitingFor(window, QUEUE_VIEW_MAX, ports);
  const waiting = entries.map(({ ticket: t }) => ({
    ticketId: t.id,
    number: t.number,
    service: t.service,
    ...(t.itemId ? { itemId: t.itemId } : {}),
    priority: t.priority,
    ...(t.priorityGroup ? { priorityGroup: t.priorityGroup } : {}),
    ...(t.language ? { language: t.language } : {}),
    lane: t.lane,
    issuedAt: t.issuedAt,
    transferred: t.targetWindowId === window.id,
  }));
  const count = <K extends string>(key: (w: (typeof waiting)[number]) => K) =>
    waiting.reduce<Partial<Record<K, number>>>(
      (acc, w) => ({ ...acc, [key(w)]: (acc[key(w)] ?? 0) + 1 }),
      {},
    );
  return {
    windowId: window.id,
    code: window.code,
    status: window.status,
    businessDate: businessDate(ports.clock.now()),
    total: waiting.length,
    byService: count((w) => w.service),
    byPriority: count((w) => w.priority),
    waiting,
  };
}

async function ticketInScope(ticketId: string, principal: Principal, { tickets }: Pick<Ports, "tickets">) {
  const ticket = await tickets.get(ticketId);
  if (!ticket) throw new NotFoundError(`Ticket ${ticketId} does not exist.`);
  assertCenterScope(principal, ticket.centerId);
  return ticket;
}

/** A ticket, for the staff of its center. */
export const getTicket = (ticketId: string, principal: Principal, ports: Pick<Ports, "tickets">) =>
  ticketInScope(ticketId, principal, ports);

/** The applicant reached the window: service time starts. */
export async function serveTicket(ticketId: string, caller: Caller, ports: Ports): Promise<Ticket> {
  const ticket = await ticketInScope(ticketId, caller.principal, ports);
  const now = ports.clock.now().toISOString();
  const next: Ticket = {
    ...ticket,
    state: nextTicketState(ticket.state, "serve"),
    servingStartedAt: now,
    version: ticket.version + 1,
    updatedAt: now,
  };
  const event = newEvent(
    ticketServingStarted,
    { ...facts(next), windowId: next.windowId!, calledAt: next.calledAt!, servingStartedAt: now },
    causedBy(caller, "intake", next.id),
    ports,
  );
  await ports.tickets.update(next, event);
  return next;
}

/** Service at the window is over. */
export async function completeTicket(ticketId: string, caller: Caller, ports: Ports): Promise<Ticket> {
  const ticket = await ticketInScope(ticketId, caller.principal, ports);
  const now = ports.clock.now().toISOString();
  const next: Ticket = {
    ...ticket,
    state: nextTicketState(ticket.state, "complete"),
    completedAt: now,
    version: ticket.version + 1,
    updatedAt: now,
  };
  const event = newEvent(
    ticketCompleted,
    {
      ...facts(next),
      windowId: next.windowId!,
      calledAt: next.calledAt!,
      servingStartedAt: next.servingStartedAt!,
      completedAt: now,
    },
    causedBy(caller, "intake", next.id),
    ports,
  );
  await ports.tickets.update(next, event);
  return next;
}

/** Called, but nobody came to the window. */
export async function markTicketNoShow(ticketId: string, caller: Caller, ports: Ports): Promise<Ticket> {
  const ticket = await ticketInScope(ticketId, caller.principal, ports);
  const now = ports.clock.now().toISOString();
  const next: Ticket = {
    ...ticket,
    state: nextTicketState(ticket.state, "markNoShow"),
    noShowAt: now,
    version: ticket.version + 1,
    updatedAt: now,
  };
  const event = newEvent(
    ticketNoShow,
    { ...facts(next), windowId: next.windowId!, calledAt: next.calledAt!, noShowAt: now },
    causedBy(caller, "intake", next.id),
    ports,
  );
  await ports.tickets.update(next, event);
  return next;
}

/**
 * Send the applicant to another open window of the center (e.g. from consultation to the department that handles
 * the item). The ticket waits again for that window only, ahead of its other tickets, keeping its original issue
 * time and priority: nobody queues twice (art. 13, 17).
 */
export async function transferTicket(
  ticketId: string,
  input: { windowId: string; reason: string },
  caller: Caller,
  ports: Ports,
): Promise<Ticket> {
  const ticket = await ticketInScope(ticketId, caller.principal, ports);
  const state = nextTicketState(ticket.state, "transfer");
  const target: WindowRef | undefined = await ports.reference.window(ticket.centerId, input.windowId);
  if (!target) throw new ValidationError([{ path: ["windowId"], message: "not a window of this center" }]);
  if (target.status !== "open") {
    throw new RuleViolationError("window-closed", `Window ${target.code} is closed.`, [
      { path: ["windowId"], message: "closed" },
    ]);
  }
  if (target.id === ticket.windowId) {
    throw new RuleViolationError("same-window", "The ticket is already at this window.", [
      { path: ["windowId"], message: "the ticket's current window" },
    ]);
  }
  const now = ports.clock.now().toISOString();
  const { servingStartedAt, ...rest } = ticket;
  const next: Ticket = {
    ...rest,
    state,
    targetWindowId: target.id,
    transfers: [
      ...ticket.transfers,
      {
        fromWindowId: ticket.windowId!,
        toWindowId: target.id,
        reason: input.reason,
        at: now,
        calledAt: ticket.calledAt!,
        ...(servingStartedAt ? { servingStartedAt } : {}),
      },
    ],
    version: ticket.version + 1,
    updatedAt: now,
  };
  const event = newEvent(
    ticketTransferred,
    {
      ...facts(next),
      windowId: ticket.windowId!,
      calledAt: ticket.calledAt!,
      servingStartedAt,
      toWindowId: target.id,
      transferredAt: now,
    },
    causedBy(caller, "intake", next.id),
    ports,
  );
  await ports.tickets.requeue(next, businessDate(ports.clock.now()), event);
  return next;
}
