import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { GuideContent, GuideVersion } from "../domain/guide.ts";
import { assertAdministers } from "../domain/scope.ts";
import { guidePublished } from "../contract/events.ts";
import { itemOr404, referencedCenter } from "./load.ts";

/**
 * Publish a new guide version of an item (art. 20, 26). Versions are immutable: a change is a new version.
 * 1. Load the item; the new version is the next number.
 * 2. Save the version, move the item to it (conditional on the version read) and write `item.guide-published` with
 *    the full guide, in one transaction — every service projects its own copy from that event.
 */
export async function publishGuide(
  itemId: string,
  content: GuideContent,
  caller: Caller,
  ports: Pick<CatalogPorts, "items" | "departments" | "centers" | "clock" | "ids">,
): Promise<GuideVersion> {
  const item = await itemOr404(itemId, ports);
  const department = await ports.departments.get(item.departmentId);
  if (department)
    assertAdministers(caller.principal, await referencedCenter(department.centerId, ["departmentId"], ports));
  const guide: GuideVersion = {
    ...content,
    itemId,
    version: item.currentGuideVersion + 1,
    publishedAt: ports.clock.now().toISOString(),
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
    ports,
  );
  await ports.items.publishGuide(
    { ...item, currentGuideVersion: guide.version, version: item.version + 1 },
    guide,
    event,
  );
  return guide;
}
