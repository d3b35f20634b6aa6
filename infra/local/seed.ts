import type { Caller } from "#shared/auth/caller.ts";
import { clock } from "#shared/clock.ts";
import { ulidIds, type Ids } from "#shared/ids.ts";
import { catalogPorts } from "#services/catalog/adapters/ports.ts";
import { centerInputSchema } from "#services/catalog/domain/center.ts";
import { guideContentSchema } from "#services/catalog/domain/guide.ts";
import { itemStatusInputSchema } from "#services/catalog/domain/item-status.ts";
import { staffInputSchema } from "#services/catalog/domain/staff.ts";
import { stationInputSchema } from "#services/catalog/domain/station.ts";
import { windowInputSchema } from "#services/catalog/domain/window.ts";
import {
  appointChiefRepresentative,
  stationDepartment,
} from "#services/catalog/use-cases/departments.use-case.ts";
import { setItemStatus } from "#services/catalog/use-cases/item-status.use-case.ts";
import { publishGuide } from "#services/catalog/use-cases/publish-guide.use-case.ts";
import { registerCenter } from "#services/catalog/use-cases/register-center.use-case.ts";
import { registerItem } from "#services/catalog/use-cases/register-item.use-case.ts";
import { registerStation } from "#services/catalog/use-cases/register-station.use-case.ts";
import { registerStaff } from "#services/catalog/use-cases/staff.use-case.ts";
import { registerWindow } from "#services/catalog/use-cases/windows.use-case.ts";
import { intakePorts } from "#services/intake/adapters/ports.ts";
import {
  eLicenses,
  centers,
  CITY_CENTER_ID,
  departments,
  DEMO_CENTER_ID,
  items,
  seedUsers,
  staff,
  stations,
  windows,
} from "./seed-data.ts";

const fresh = ulidIds(clock);

/** Ports whose next id of `prefix` is the seed's fixed id (events and everything else get fresh ULIDs). */
function withId(prefix: string, id: string) {
  const ids: Ids = { next: (p) => (p === prefix ? id : fresh.next(p)) };
  return { ...catalogPorts, ids };
}

async function inParallel<T>(
  list: readonly T[],
  fn: (item: T) => Promise<unknown>,
  width = 8,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, list.length) }, async () => {
      while (next < list.length) await fn(list[next++]!);
    }),
  );
}

/**
 * What `LOCAL_SEED` asks for: `demo` (the default) the whole demo below; `installation` only what installing the
 * system creates — the city center, which the API never registers (register-center.use-case.ts) — so that the rest of
 * the catalog can be loaded through the API into an otherwise empty stack (`npm run catalog -- import`, issue 23).
 */
function seedMode(): "demo" | "installation" {
  const mode = process.env.LOCAL_SEED ?? "demo";
  if (mode !== "demo" && mode !== "installation")
    throw new Error(`LOCAL_SEED: demo or installation, not ${mode}`);
  return mode;
}

/**
 * Seed the demo: the city center, Haidian (the demo district) with its sub-centers and stations, a remote mountain
 * township, departments, 30+ items with guides and statuses, windows and the roster — all through the catalog's own
 * use cases and rules, so the same events flow as through the API. The catalog is read from seed/catalog.jsonl (by
 * seed-data.ts), the file `npm run catalog -- import` loads into a deployment; here it is written with the fixed ids
 * the tests know, straight through the use cases (no HTTP), which keeps `npm start` as quick as before. Skipped when
 * the demo center exists (`--persist`).
 */
export async function seed(): Promise<{ seeded: boolean }> {
  const caller: Caller = { principal: seedUsers.cityAdmin, correlationId: "seed" };
  if (seedMode() === "installation") {
    if (await catalogPorts.centers.get(CITY_CENTER_ID)) return { seeded: false };
    const city = centers.find((c) => c.id === CITY_CENTER_ID)!;
    await registerCenter(centerInputSchema.parse(city.input), caller, withId("ctr", city.id), {
      bootstrap: true,
    });
    return { seeded: true };
  }
  if (await catalogPorts.centers.get(DEMO_CENTER_ID)) return { seeded: false };

  // Parents before children; everything else in parallel, a few at a time (DynamoDB Local is the bottleneck).
  for (const c of centers) {
    const bootstrap = c.id === CITY_CENTER_ID;
    await registerCenter(centerInputSchema.parse(c.input), caller, withId("ctr", c.id), { bootstrap });
  }
  await inParallel(stations, (s) =>
    registerStation(s.centerId, stationInputSchema.parse(s.input), caller, withId("stn", s.id)),
  );
  await inParallel(departments, (d) => stationDepartment(d.centerId, d.input, caller, withId("dep", d.id)));
  await inParallel(items, async (i) => {
    await registerItem(i.input, caller, withId("itm", i.id));
    await publishGuide(i.id, guideContentSchema.parse(i.guide), caller, catalogPorts);
    for (const s of i.statuses)
      await setItemStatus(s.centerId, i.id, itemStatusInputSchema.parse(s.status), caller, catalogPorts);
  });
  await inParallel(windows, (w) =>
    registerWindow(w.centerId, windowInputSchema.parse(w.input), caller, withId("win", w.id)),
  );
  // Interns name their supervisor, who must be on the roster first.
  const register = (s: (typeof staff)[number]) =>
    registerStaff(staffInputSchema.parse(s.input), caller, withId("stf", s.id));
  await inParallel(
    staff.filter((s) => !s.input.internship),
    register,
  );
  await inParallel(
    staff.filter((s) => s.input.internship),
    register,
  );
  await inParallel(
    staff.filter((s) => s.chiefRepresentativeOf),
    (s) => {
      const department = departments.find((d) => d.id === s.chiefRepresentativeOf)!;
      return appointChiefRepresentative(department.centerId, department.id, s.id, caller, catalogPorts);
    },
  );
  for (const e of eLicenses) await intakePorts.eLicenses.register(e.holder, e.licenses);
  return { seeded: true };
}
