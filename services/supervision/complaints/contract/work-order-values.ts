/**
 * Complaints' published vocabulary for work orders (art. 52): request kinds, urgencies, origins, reply outcomes.
 * Part of the contract (issue 22): the values its events carry, so a consumer imports them without the domain.
 */

export const REQUEST_KINDS = ["consultation", "help", "complaint", "report", "suggestion"] as const;

export const URGENCIES = ["emergency", "utilities", "general", "complex"] as const;

/** Where the request came from: the city's hotline, or a complaint channel inside the center. */
export const ORIGINS = ["hotline", "center"] as const;

export const REPLY_OUTCOMES = ["resolved", "partlyResolved", "explained", "unresolved"] as const;

/**
 * Hours to reach the caller after receipt, unless a deployment sets `HOTLINE_CONTACT_HOURS` (DOMAIN.md). Published for
 * the facts of orders whose `work-order.received` predates `contactWindowEndsAt` (issue 22).
 */
export const DEFAULT_CONTACT_WINDOW_HOURS = 24;
