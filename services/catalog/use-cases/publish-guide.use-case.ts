import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { NotFoundError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { GuideContent, GuideVersion } from "../domain/guide.ts";
import { guidePublished } from "../events.ts";

/**
 * Publish a new guide version of an item (art. 20, 26). Versions are immutable: a change is a new version.
 * 1. Load the item; the new version is the next number.
 * 2. Save the version, bump the item (conditional on the version read) and write `item.guide-published` with the
 *    full guide, in one transaction — every service projects its own copy from that event.
 */
export async function publishGuide(
  itemId: string,
  content: GuideContent,
  caller: Caller,
  { store, clock, ids }: Pick<CatalogPorts, "store" | "clock" | "ids">,
): Promise<GuideVersion> {
  const item = await store.getItem(itemId);
  if (!item) throw new NotFoundError(`Item ${itemId} does not exist.`);
  const guide: GuideVersion = {
    ...content,
    itemId,
    version: item.currentGuideVersion + 1,
    publishedAt: clock.now().toISOString(),
    publishedBy: caller.principal.sub,
  };
  const event = newEvent(
    guidePublished,
    {
      itemId,
      code: item.code,
      name: item.name,
      departmentId: item.departmentId,
      level: item.level,
      version: guide.version,
      publishedAt: guide.publishedAt,
      guide: content,
    },
    causedBy(caller, "catalog", itemId),
    { clock, ids },
  );
  await store.publishGuide(item, guide, event);
  return guide;
}
