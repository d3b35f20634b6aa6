/**
 * Intake's published vocabulary for the queue and appointments: ticket services, lanes, priorities, booking channels.
 * Part of the contract (issue 22): the values its events carry, so a consumer imports them without the domain.
 */

/** What a ticket is for — one per kind of window art. 13 asks for (综合咨询、综合受理、帮办代办、区域通办、“办不成事”反映). */
export const TICKET_SERVICES = [
  "consultation",
  "application",
  "assisted",
  "crossRegion",
  "unresolvedMatter",
] as const;

/** Groups served first among walk-ins (art. 14: “军人、退役军人优先”, age-friendly and barrier-free service). */
export const PRIORITY_GROUPS = ["military", "elderly", "disabled"] as const;

/** `emergency` is the 应急服务通道 that stays open for appointment-only items (art. 22). */
export const LANES = ["standard", "emergency"] as const;

/**
 * Priority levels, best first: an appointment checked in at its time (art. 22 — the applicant already waited for
 * the slot), then the art. 14 priority groups, then everyone else. The emergency lane is about admission, not order.
 */
export const PRIORITIES = ["appointment", "priorityGroup", "standard"] as const;

/** Art. 22: 现场、电话、线上 — the channels a center offers for booking. */
export const APPOINTMENT_CHANNELS = ["onSite", "phone", "online"] as const;
