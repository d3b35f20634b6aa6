import type { EventData } from "#shared/events/define-event.ts";
import type {
  centerSnapshot,
  itemStatusChanged,
  openingAdded,
  windowRegistered,
} from "#services/catalog/contract/events.ts";
import type * as z from "zod";

/**
 * Intake's own copies of the catalog's reference data, kept from catalog events (DESIGN.md: no service reads another's
 * table): centers (hours), their closures and openings on rest days, windows (types, items, open or closed) and item statuses per center.
 */
export type CenterRef = z.output<typeof centerSnapshot>;
export type WindowRef = EventData<typeof windowRegistered>["window"];
export type ItemStatusRef = EventData<typeof itemStatusChanged>;
/** A rest day the center opens, with its hours and what it offers. */
export type OpeningRef = Pick<EventData<typeof openingAdded>, "date" | "hours" | "offers">;
