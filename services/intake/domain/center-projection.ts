/**
 * Intake's model of the centers and windows it projects from catalog's published events (center.registered,
 * center.updated, center.opening-added, window.registered, window.updated): the shapes those events carry, read from
 * catalog's contract and never from its domain, so a change in catalog's rules cannot silently change intake's bundle
 * or rules (issue 22).
 *
 * The shapes are referenced, not copied: service hours, rest-day openings, window types and language codes are values
 * catalog's events carry, so they are catalog's contract (value schemas both services parse); a copy here could drift
 * from what the events hold. What intake does with them — the regime in force at a moment, which slots are bookable,
 * which window serves a ticket — is intake's own rule and stays in appointments.ts and tickets.ts.
 */
import type {
  DateOpening,
  Offer,
  REST_DAY_KINDS,
  ServiceHours,
  TimeRange,
} from "#services/catalog/contract/hours-values.ts";
import type { WindowType } from "#services/catalog/contract/window-values.ts";

export { languageSchema } from "#services/catalog/contract/center-values.ts";
export type { DateOpening, Offer, REST_DAY_KINDS, ServiceHours, TimeRange, WindowType };
