import type { TypedEnvelope } from "#shared/events/envelope.ts";
import { logger } from "#shared/observability.ts";
import type { guidePublished } from "#services/catalog/events.ts";
import type { IntakePorts } from "../adapters/ports.ts";

/**
 * Keep intake's copy of a published guide (consumes `item.guide-published`). Safe to apply twice or out of order:
 * versions are kept as published and `current` only moves forward.
 */
export async function projectGuide(
  event: TypedEnvelope<typeof guidePublished>,
  { store, clock }: Pick<IntakePorts, "store" | "clock">,
): Promise<void> {
  const moved = await store.saveGuideSnapshot({
    ...event.data,
    projectedAt: clock.now().toISOString(),
    sourceEventId: event.id,
  });
  if (!moved)
    logger.info("guide version kept; a newer one is in force", {
      itemId: event.data.itemId,
      version: event.data.version,
    });
}
