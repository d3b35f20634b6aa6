import type { EventData } from "#shared/events/define-event.ts";
import type { centerSnapshot, itemStatusChanged, windowRegistered } from "#services/catalog/events.ts";
import type * as z from "zod";

/**
 * Intake's own copies of the catalog's reference data, kept from catalog events (DESIGN.md: no service reads another's
 * table): centers (hours), their closures, windows (types, items, open or closed) and item statuses per center.
 */
export type CenterRef = z.output<typeof centerSnapshot>;
export type WindowRef = EventData<typeof windowRegistered>["window"];
export type ItemStatusRef = EventData<typeof itemStatusChanged>;
