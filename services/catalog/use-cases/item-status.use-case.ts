import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { NotFoundError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { checkItemStatus, type ItemStatus, type ItemStatusInput } from "../domain/item-status.ts";
import { assertAdministers } from "../domain/scope.ts";
import { itemStatusChanged } from "../contract/events.ts";
import { centerOr404, itemOr404 } from "./load.ts";

type Ports = Pick<CatalogPorts, "centers" | "items" | "clock" | "ids">;

/**
 * Set an item's status in a center (art. 18, 26, 28, 35) — resident or excluded, delegated acceptance, authorized
 * approval — checked against the center and the guide in force, and announced with `item.status-changed`.
 */
export async function setItemStatus(
  centerId: string,
  itemId: string,
  input: ItemStatusInput,
  caller: Caller,
  ports: Ports,
): Promise<ItemStatus> {
  const [center, item] = await Promise.all([centerOr404(centerId, ports), itemOr404(itemId, ports)]);
  assertAdministers(caller.principal, center);
  const guide = item.currentGuideVersion
    ? await ports.items.getGuide(itemId, item.currentGuideVersion)
    : undefined;
  checkItemStatus(input, center, guide);
  const previous = await ports.items.getStatus(centerId, itemId);
  const status: ItemStatus = {
    ...input,
    centerId,
    itemId,
    guideVersion: item.currentGuideVersion,
    updatedAt: ports.clock.now().toISOString(),
    version: (previous?.version ?? 0) + 1,
  };
  const event = newEvent(
    itemStatusChanged,
    {
      itemId,
      code: item.code,
      name: item.name,
      departmentId: item.departmentId,
      level: item.level,
      centerId,
      guideVersion: status.guideVersion,
      status: input,
      previous: previous && {
        status: previous.status,
        exclusion: previous.exclusion,
        delegation: previous.delegation,
        authorization: previous.authorization,
      },
    },
    causedBy(caller, "catalog", centerId),
    ports,
  );
  await ports.items.setStatus(status, item, event);
  return status;
}

/** Whether and how an item is handled in a center (public). */
export async function getItemStatus(centerId: string, itemId: string, ports: Ports): Promise<ItemStatus> {
  const status = await ports.items.getStatus(centerId, itemId);
  if (!status) throw new NotFoundError(`Item ${itemId} has no status in center ${centerId}.`);
  return status;
}
