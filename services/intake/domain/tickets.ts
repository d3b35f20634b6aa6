import * as z from "zod";
import { InvalidTransitionError, RuleViolationError } from "#shared/errors.ts";
import { idSchema } from "#shared/http/schemas.ts";
import { languageSchema, type WindowType } from "./center-projection.ts";
import type { ServicePeriod } from "./appointments.ts";
import { TICKET_SERVICES, PRIORITY_GROUPS, LANES, PRIORITIES } from "../contract/queue-values.ts";

export { TICKET_SERVICES, PRIORITY_GROUPS, LANES, PRIORITIES };

/**
 * Queue tickets (排队叫号) at a center's windows (art. 13–14, 22): who may get one and when, in what order they are
 * called, and which window serves which ticket.
 */

export type TicketService = (typeof TICKET_SERVICES)[number];

export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

export type Lane = (typeof LANES)[number];

export type Priority = (typeof PRIORITIES)[number];
const PRIORITY_RANK: Record<Priority, number> = { appointment: 1, priorityGroup: 2, standard: 3 };

export const TICKET_STATES = ["waiting", "called", "serving", "completed", "noShow"] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const TICKET_COMMANDS = ["call", "serve", "complete", "markNoShow", "transfer"] as const;
export type TicketCommand = (typeof TICKET_COMMANDS)[number];

type Transitions = { [S in TicketState]: Partial<Record<TicketCommand, TicketState>> };

/** The ticket's life, as data: what is not listed is refused (409). */
export const ticketTransitions = {
  waiting: { call: "called" },
  // Called but not (yet) at the window: the clerk starts serving, or records that nobody came.
  called: { serve: "serving", markNoShow: "noShow", transfer: "waiting" },
  // A transfer sends the applicant to another window without queueing again from the back.
  serving: { complete: "completed", transfer: "waiting" },
  completed: {},
  noShow: {},
} as const satisfies Transitions;

export function nextTicketState(state: TicketState, command: TicketCommand): TicketState {
  const next = (ticketTransitions[state] as Partial<Record<TicketCommand, TicketState>>)[command];
  if (!next) throw new InvalidTransitionError(state, command, `A ${state} ticket cannot ${command}.`);
  return next;
}

/** One transfer, with the times at the window it left (the events carry them for window load). */
export interface TicketTransfer {
  fromWindowId: string;
  toWindowId: string;
  reason: string;
  at: string;
  calledAt: string;
  servingStartedAt?: string;
}

export interface Ticket {
  id: string;
  /** Shown in the hall: a prefix for the kind of service and a number per center and business day (A001). */
  number: string;
  centerId: string;
  /** The Beijing business date the ticket was issued on; numbers restart each day. */
  businessDate: string;
  service: TicketService;
  itemId?: string;
  priority: Priority;
  priorityGroup?: PriorityGroup;
  /** A language other than Chinese the applicant needs (art. 15); absent for Chinese. */
  language?: string;
  lane: Lane;
  /** Why the emergency lane was used (kept on the ticket for the record, never in events). */
  emergencyReason?: string;
  appointmentId?: string;
  /** Issued during extended hours (early, late, Saturday; art. 22). */
  extendedHours: boolean;
  state: TicketState;
  issuedAt: string;
  issuedBy: string;
  /** The window that called it last. */
  windowId?: string;
  /** While waiting after a transfer: only this window calls it, before anyone else in its queue. */
  targetWindowId?: string;
  calledAt?: string;
  servingStartedAt?: string;
  completedAt?: string;
  noShowAt?: string;
  transfers: TicketTransfer[];
  version: number;
  updatedAt: string;
}

/** A walk-in ticket, or an appointment's check-in (`appointmentId` alone). Rules that span fields name the field. */
export const issueTicketSchema = z
  .object({
    appointmentId: idSchema("apt").optional(),
    service: z.enum(TICKET_SERVICES).optional(),
    itemId: idSchema("itm").optional(),
    priorityGroup: z.enum(PRIORITY_GROUPS).optional(),
    /** Chinese needs no mention; `zh` is taken as no language. */
    language: languageSchema.optional().transform((l) => (l === "zh" ? undefined : l)),
    lane: z.enum(LANES).default("standard"),
    /** Required for the emergency lane (art. 22): why this cannot wait for an appointment. */
    reason: z.string().trim().min(2).max(200).optional(),
  })
  .superRefine((t, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (t.appointmentId) {
      if (t.service) issue("service", "comes from the appointment: leave it out with appointmentId");
      if (t.itemId) issue("itemId", "comes from the appointment: leave it out with appointmentId");
      if (t.lane === "emergency") issue("lane", "an appointment check-in needs no emergency lane");
    } else if (!t.service) {
      issue("service", "required for a walk-in ticket");
    }
    if (t.service === "application" && !t.itemId) issue("itemId", "required for an application ticket");
    if (t.lane === "emergency" && !t.reason) issue("reason", "required for the emergency lane (art. 22)");
    if (t.lane !== "emergency" && t.reason) issue("reason", "only for the emergency lane");
  });
export type IssueTicketInput = z.output<typeof issueTicketSchema>;

export const transferTicketSchema = z.object({
  windowId: idSchema("win"),
  reason: z.string().trim().min(2).max(200),
});

export function priorityOf(ticket: { appointmentId?: string; priorityGroup?: PriorityGroup }): Priority {
  if (ticket.appointmentId) return "appointment";
  return ticket.priorityGroup ? "priorityGroup" : "standard";
}

/** Queue order: priority level, then first come (issue time, then the time-sortable id). A transfer keeps both. */
export function compareTickets(
  a: Pick<Ticket, "priority" | "issuedAt" | "id">,
  b: Pick<Ticket, "priority" | "issuedAt" | "id">,
): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    Date.parse(a.issuedAt) - Date.parse(b.issuedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * The same order as a string, for a sort key: `<rank>#<issuedAt in UTC, fixed width>#<id>`. Sorting these strings
 * sorts the tickets as `compareTickets` does (tested), so the queue is read in order without sorting.
 */
export function queueRank(ticket: Pick<Ticket, "priority" | "issuedAt" | "id">): string {
  return `${PRIORITY_RANK[ticket.priority]}#${new Date(ticket.issuedAt).toISOString()}#${ticket.id}`;
}

/** Ticket prefixes per kind of service; an appointment's check-in shows as Y (预约) whatever its service. */
const PREFIX: Record<TicketService, string> = {
  consultation: "A",
  application: "B",
  assisted: "C",
  crossRegion: "D",
  unresolvedMatter: "E",
};
export const APPOINTMENT_PREFIX = "Y";

export function ticketPrefix(ticket: { service: TicketService; appointmentId?: string }): string {
  return ticket.appointmentId ? APPOINTMENT_PREFIX : PREFIX[ticket.service];
}

/** A001 … A999, then A1000: the hall display needs at least three digits. */
export function ticketNumber(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, "0")}`;
}

/** What the matching needs to know about a window (intake's projection of the catalog's window). */
export interface WindowTraits {
  type: WindowType;
  itemIds: readonly string[];
  languages: readonly string[];
}

/**
 * Whether a window handles applications for an item: it lists the item, or it is a general-acceptance window with no
 * list — 无差别综合受理, which accepts every item of the center (art. 13, 17).
 */
export function windowServesItem(window: Pick<WindowTraits, "type" | "itemIds">, itemId: string): boolean {
  return (
    window.itemIds.includes(itemId) || (window.type === "generalAcceptance" && window.itemIds.length === 0)
  );
}

/** A window with a list serves only items on it; without a list, any (assisted handling, cross-region). */
const listAllows = (window: WindowTraits, itemId: string | undefined) =>
  itemId === undefined || window.itemIds.length === 0 || window.itemIds.includes(itemId);

/**
 * Which window calls which ticket (art. 13, 15). A window serves only in languages it speaks (Chinese unless the
 * ticket names another). A foreign-language window serves any ticket in a foreign language it speaks; every other
 * window serves its own kind of service:
 *   generalConsultation ↔ consultation; generalAcceptance ↔ application for an item it serves (all, without a list);
 *   department ↔ application for an item on its list; assistedHandling ↔ assisted; crossRegion ↔ crossRegion
 *   (both within their item list, if any); unresolvedMatters ↔ unresolvedMatter.
 */
export function windowServesTicket(
  window: WindowTraits,
  ticket: { service: TicketService; itemId?: string; language?: string },
): boolean {
  const language = ticket.language ?? "zh";
  if (!window.languages.includes(language)) return false;
  switch (window.type) {
    case "foreignLanguage":
      return language !== "zh";
    case "generalConsultation":
      return ticket.service === "consultation";
    case "generalAcceptance":
      return ticket.service === "application" && !!ticket.itemId && windowServesItem(window, ticket.itemId);
    case "department":
      return ticket.service === "application" && !!ticket.itemId && window.itemIds.includes(ticket.itemId);
    case "assistedHandling":
      return ticket.service === "assisted" && listAllows(window, ticket.itemId);
    case "crossRegion":
      return ticket.service === "crossRegion" && listAllows(window, ticket.itemId);
    case "unresolvedMatters":
      return ticket.service === "unresolvedMatter";
  }
}

/** What a rest-day opening for consultation and receipt of documents serves: no application is handled there. */
export const CONSULTATION_AND_RECEIPT_SERVICES: readonly TicketService[] = [
  "consultation",
  "unresolvedMatter",
];

/**
 * Whether a walk-in gets a ticket now (art. 22; the center's regime). In legal hours on working days anyone may walk
 * in (即时服务); in extended hours service is by appointment, but walk-ins may still be accepted; in a rest-day opening
 * for consultation and receipt only consultations and reports are served; the self-service area and closed hours
 * issue no ticket. An item the administration approved as appointment-only takes walk-ins only through the emergency
 * lane, which must stay open.
 */
export function admitWalkIn(input: {
  period: ServicePeriod;
  service: TicketService;
  appointmentOnly: boolean;
  lane: Lane;
}): {
  extendedHours: boolean;
} {
  if (input.period === "closed") {
    throw new RuleViolationError(
      "outside-service-hours",
      "The center is not serving now (outside its legal and extended hours): no ticket is issued.",
    );
  }
  if (input.period === "selfService") {
    throw new RuleViolationError(
      "self-service-only",
      "Only the self-service area is open now: no window serves, no ticket is issued.",
    );
  }
  if (
    input.period === "consultationAndReceipt" &&
    !CONSULTATION_AND_RECEIPT_SERVICES.includes(input.service)
  ) {
    throw new RuleViolationError(
      "consultation-and-receipt-only",
      "Today the center offers consultation, receipt of documents and assisted self-service only: applications " +
        "are handled on working days (or book an appointment).",
      [{ path: ["service"], message: `only ${CONSULTATION_AND_RECEIPT_SERVICES.join(" or ")} today` }],
    );
  }
  if (input.appointmentOnly && input.lane !== "emergency") {
    throw new RuleViolationError(
      "appointment-only",
      "This item is served by appointment only (approved and published, art. 22). Book an appointment, or use " +
        'the emergency lane (`lane: "emergency"` with a reason).',
      [{ path: ["lane"], message: "appointment-only item: only the emergency lane takes walk-ins" }],
    );
  }
  return { extendedHours: input.period !== "full" };
}
