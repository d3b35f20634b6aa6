import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { NotFoundError, RuleViolationError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { Center } from "../domain/center.ts";
import { assertAdministers } from "../domain/scope.ts";
import { checkWindow, type ServiceWindow, type WindowInput, type WindowUpdate } from "../domain/window.ts";
import { windowRegistered, windowUpdated } from "../contract/events.ts";
import { centerOr404 } from "./load.ts";

type Ports = Pick<CatalogPorts, "centers" | "departments" | "items" | "clock" | "ids">;

/**
 * What a window refers to must exist in this center: its department stationed here, and items that exist and are
 * not on this center's negative list (art. 18).
 */
async function checkReferences(
  center: Center,
  window: Pick<WindowInput, "departmentId" | "itemIds">,
  ports: Ports,
): Promise<void> {
  if (window.departmentId) {
    const department = await ports.departments.get(window.departmentId);
    if (!department || department.centerId !== center.id) {
      throw new ValidationError([
        { path: ["departmentId"], message: "not a department stationed in this center" },
      ]);
    }
  }
  const [found, statuses] = await Promise.all([
    ports.items.getMany(window.itemIds),
    ports.items.statusesIn(center.id, window.itemIds),
  ]);
  const missing = window.itemIds.flatMap((id, i) =>
    found[i] ? [] : [{ path: ["itemIds", i], message: `no item ${id}` }],
  );
  if (missing.length) throw new ValidationError(missing);
  const excluded = statuses.flatMap((s, i) =>
    s?.status === "excluded" ? [{ path: ["itemIds", i], message: "excluded in this center" }] : [],
  );
  if (excluded.length)
    throw new RuleViolationError(
      "excluded-item",
      "A window cannot serve an item on this center's negative list (art. 18).",
      excluded,
    );
}

/** Set up a window (art. 13, 15) with its type, department, items and languages. */
export async function registerWindow(
  centerId: string,
  input: WindowInput,
  caller: Caller,
  ports: Ports,
): Promise<ServiceWindow> {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  checkWindow(input);
  await checkReferences(center, input, ports);
  const window: ServiceWindow = {
    ...input,
    id: ports.ids.next("win"),
    centerId,
    updatedAt: ports.clock.now().toISOString(),
    version: 1,
  };
  await ports.centers.createWindow(
    window,
    newEvent(windowRegistered, { window }, causedBy(caller, "catalog", centerId), ports),
  );
  return window;
}

/** Change a window's items, languages, department or open/closed status. */
export async function updateWindow(
  centerId: string,
  windowId: string,
  changes: WindowUpdate,
  caller: Caller,
  ports: Ports,
): Promise<ServiceWindow> {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  const current = await ports.centers.getWindow(centerId, windowId);
  if (!current) throw new NotFoundError(`Window ${windowId} does not exist in this center.`);
  const window: ServiceWindow = {
    ...current,
    ...changes,
    updatedAt: ports.clock.now().toISOString(),
    version: current.version + 1,
  };
  checkWindow(window);
  await checkReferences(
    center,
    { departmentId: changes.departmentId, itemIds: changes.itemIds ?? [] },
    ports,
  );
  await ports.centers.updateWindow(
    window,
    newEvent(windowUpdated, { window }, causedBy(caller, "catalog", centerId), ports),
  );
  return window;
}
