import { clock } from "#shared/clock.ts";
import { ulidIds, type Ids } from "#shared/ids.ts";
import { catalogPorts } from "#services/catalog/adapters/ports.ts";
import { publishGuide } from "#services/catalog/use-cases/publish-guide.use-case.ts";
import { registerCenter } from "#services/catalog/use-cases/register-center.use-case.ts";
import { registerItem } from "#services/catalog/use-cases/register-item.use-case.ts";
import { DEMO_CENTER_ID, demoCenter, demoItems, seedUsers } from "./seed-data.ts";

/** Ids that hand out the fixed seed id next in line for a prefix, and fresh ULIDs otherwise (events). */
function fixedIds(queue: Record<string, string[]>): Ids {
  const fresh = ulidIds(clock);
  return { next: (prefix) => queue[prefix]?.shift() ?? fresh.next(prefix) };
}

/**
 * Seed a demo district center through the catalog's own use cases, so the same events flow as through the API
 * (guides reach intake's projection). Skipped when the center exists (`--persist`).
 */
export async function seed(): Promise<{ seeded: boolean }> {
  if (await catalogPorts.store.getCenter(DEMO_CENTER_ID)) return { seeded: false };
  const caller = { principal: seedUsers.admin, correlationId: "seed" };
  const ids = fixedIds({ ctr: [DEMO_CENTER_ID], itm: demoItems.map((d) => d.id) });
  const ports = { ...catalogPorts, ids };
  await registerCenter(demoCenter, caller, ports);
  for (const demo of demoItems) {
    const item = await registerItem(demo.item, caller, ports);
    await publishGuide(item.id, demo.guide, caller, ports);
  }
  return { seeded: true };
}
