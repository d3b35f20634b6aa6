import type { EventData } from "#shared/events/define-event.ts";
import type { guidePublished } from "#services/catalog/contract/events.ts";

/**
 * Intake's own copy of a published guide version (DESIGN.md: a service keeps projections built from events).
 * Applications snapshot the version in force; corrections may never ask beyond it (art. 27(二)).
 */
export type GuideSnapshot = EventData<typeof guidePublished> & { projectedAt: string; sourceEventId: string };
