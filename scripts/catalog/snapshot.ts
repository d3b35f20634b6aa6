import type { Center } from "#services/catalog/domain/center.ts";
import type { Department } from "#services/catalog/domain/department.ts";
import type { GuideVersion } from "#services/catalog/domain/guide.ts";
import type { Item } from "#services/catalog/domain/item.ts";
import type { ItemStatus } from "#services/catalog/domain/item-status.ts";
import type { StaffMember } from "#services/catalog/domain/staff.ts";
import type { Station } from "#services/catalog/domain/station.ts";
import type { ServiceWindow } from "#services/catalog/domain/window.ts";
import { all, type Api } from "./api.ts";
import { keyOf, parseRecord, type CatalogRecord, type RecordKind } from "./records.ts";

/** What a stack holds, as records, with the ids and versions the import needs to change them. */
export interface Stored {
  record: CatalogRecord;
  id: string;
  /** An item's guide version in force (0: none yet). */
  guideVersion?: number;
  /** A staff member's training as recorded (the import adds what the file has more). */
  staff?: StaffMember;
}

export class Snapshot {
  readonly byKey = new Map<string, Stored>();
  /** Records in the order the export writes them. */
  readonly records: CatalogRecord[] = [];

  static keyOf(kind: RecordKind, key: string): string {
    return `${kind}:${key}`;
  }
  get(kind: RecordKind, key: string): Stored | undefined {
    return this.byKey.get(Snapshot.keyOf(kind, key));
  }
  add(stored: Stored): void {
    this.byKey.set(Snapshot.keyOf(stored.record.record, keyOf(stored.record)), stored);
  }
}

type CenterDetail = Center & { departments: Department[]; windows: ServiceWindow[]; stations: Station[] };
type ItemWithGuide = Item & { guide: GuideVersion | null };

/** Through the API's own checks: an export that would not import again fails here, naming the record. */
function asRecord(value: Record<string, unknown>): CatalogRecord {
  const parsed = parseRecord(value);
  if (!parsed.ok)
    throw new Error(
      `the stack holds a ${String(value.record)} this format cannot carry: ${JSON.stringify(parsed.issues)}`,
    );
  return parsed.record;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Drop the fields the system adds (ids, times, versions) from what the API answers. */
function strip<T extends object>(value: T, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !fields.includes(k)));
}

/**
 * Read the whole catalog through the API (public reads, and the roster with the administrator's token): centers with
 * their departments, stations and windows, items with their guide in force, statuses per center, and staff. The
 * order is the file's: parents before children, then by name or code — never by id, so two stacks holding the same
 * catalog read the same.
 */
export async function readSnapshot(api: Api): Promise<Snapshot> {
  const snapshot = new Snapshot();
  const centers = await all<Center>(api, "/v1/centers");
  const details = await inParallel(centers, (c) => api.get<CenterDetail>(`/v1/centers/${c.id}`));
  const centerById = new Map(details.map((c) => [c.id, c]));
  const nameOf = (id: string | undefined) => (id ? centerById.get(id)?.name : undefined);

  // Preorder over the tree (a specialized center under its comprehensive one), siblings by name.
  const parentOf = (c: Center) => c.comprehensiveCenterId ?? c.parentId;
  const ordered: CenterDetail[] = [];
  const visit = (parent: string | undefined) => {
    for (const c of details.filter((d) => parentOf(d) === parent).sort((a, b) => byText(a.name, b.name))) {
      ordered.push(c);
      visit(c.id);
    }
  };
  visit(undefined);
  // Whatever hangs off a center this reader cannot see still comes out (after the tree), never silently dropped.
  ordered.push(...details.filter((d) => !ordered.includes(d)).sort((a, b) => byText(a.name, b.name)));

  const departments = new Map<string, Department & { center: string }>();
  const windows = new Map<string, ServiceWindow>();
  for (const c of ordered) for (const d of c.departments) departments.set(d.id, { ...d, center: c.name });
  for (const c of ordered) for (const w of c.windows) windows.set(w.id, w);

  const summaries = await all<{ id: string; code: string }>(api, "/v1/items");
  const items = (await inParallel(summaries, (s) => api.get<ItemWithGuide>(`/v1/items/${s.id}`))).sort(
    (a, b) => byText(a.code, b.code),
  );
  const codeOf = new Map(items.map((i) => [i.id, i.code]));
  const [statuses, rosters] = await Promise.all([
    inParallel(ordered, (c) => all<ItemStatus>(api, `/v1/centers/${c.id}/items`)),
    inParallel(ordered, (c) => all<StaffMember>(api, `/v1/centers/${c.id}/staff`)),
  ]);
  // The roster list masks personal data; one person's record does not (for their administration).
  const staff = await inParallel(rosters.flat(), (s) => api.get<StaffMember>(`/v1/staff/${s.id}`));
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const chiefOf = new Set(ordered.flatMap((c) => c.departments.map((d) => d.chiefRepresentativeId)));

  const push = (stored: Stored) => {
    snapshot.add(stored);
    snapshot.records.push(stored.record);
  };

  for (const c of ordered) {
    const record = asRecord({
      record: "center",
      ...strip(c, [
        "id",
        "ancestorIds",
        "createdAt",
        "updatedAt",
        "version",
        "departments",
        "windows",
        "stations",
        "openings",
        "parentId",
        "comprehensiveCenterId",
      ]),
      parent: nameOf(c.parentId),
      comprehensiveCenter: nameOf(c.comprehensiveCenterId),
    });
    push({ record, id: c.id });
  }
  for (const c of ordered)
    for (const d of [...c.departments].sort((a, b) => byText(a.name, b.name)))
      push({
        record: asRecord({ record: "department", center: c.name, name: d.name }),
        id: d.id,
      });
  for (const c of ordered)
    for (const s of [...c.stations].sort((a, b) => byText(a.name, b.name)))
      push({
        record: asRecord({ record: "station", center: c.name, ...strip(s, ["id", "centerId", "createdAt"]) }),
        id: s.id,
      });
  for (const i of items) {
    const department = departments.get(i.departmentId);
    const guide = i.guide ? strip(i.guide, ["itemId", "version", "publishedAt", "publishedBy"]) : undefined;
    push({
      record: asRecord({
        record: "item",
        code: i.code,
        center: department?.center,
        department: department?.name,
        name: i.name,
        level: i.level,
        guide,
      }),
      id: i.id,
      guideVersion: i.currentGuideVersion,
    });
  }
  ordered.forEach((c, n) => {
    for (const s of [...statuses[n]!].sort((a, b) => byText(codeOf.get(a.itemId)!, codeOf.get(b.itemId)!)))
      push({
        record: asRecord({
          record: "status",
          center: c.name,
          item: codeOf.get(s.itemId),
          ...strip(s, ["centerId", "itemId", "guideVersion", "updatedAt", "version", "item"]),
        }),
        id: `${c.id}/${s.itemId}`,
      });
  });
  for (const c of ordered)
    for (const w of [...c.windows].sort((a, b) => byText(a.code, b.code)))
      push({
        record: asRecord({
          record: "window",
          center: c.name,
          department: w.departmentId ? departments.get(w.departmentId)?.name : undefined,
          items: w.itemIds.map((id) => codeOf.get(id) ?? id),
          ...strip(w, ["id", "centerId", "departmentId", "itemIds", "updatedAt", "version"]),
        }),
        id: w.id,
      });
  ordered.forEach((c, n) => {
    const people = rosters[n]!.map((s) => staffById.get(s.id)!).sort((a, b) => byText(a.name, b.name));
    // A supervising colleague before the intern they supervise, so the file imports in order.
    const done = new Set<string>();
    while (done.size < people.length) {
      const ready = people.filter(
        (p) =>
          !done.has(p.id) &&
          (!p.internship || done.has(p.internship.supervisorId) || !staffById.has(p.internship.supervisorId)),
      );
      const next = ready.length ? ready : people.filter((p) => !done.has(p.id));
      for (const p of next) {
        done.add(p.id);
        const supervisor = p.internship ? staffById.get(p.internship.supervisorId) : undefined;
        push({
          record: asRecord({
            record: "staff",
            center: c.name,
            department: p.departmentId ? departments.get(p.departmentId)?.name : undefined,
            window: p.windowId ? windows.get(p.windowId)?.code : undefined,
            internship: p.internship
              ? {
                  startedOn: p.internship.startedOn,
                  supervisor: supervisor?.name ?? p.internship.supervisorId,
                }
              : undefined,
            chiefRepresentative: chiefOf.has(p.id) ? true : undefined,
            ...strip(p, [
              "id",
              "centerId",
              "departmentId",
              "windowId",
              "internship",
              "training",
              "version",
              "updatedAt",
            ]),
            training: p.training.length ? p.training : undefined,
          }),
          id: p.id,
          staff: p,
        });
      }
    }
  });
  return snapshot;
}

/** A few reads at a time: the API's throttling (and DynamoDB Local) would refuse a burst of hundreds. */
export async function inParallel<T, R>(
  list: readonly T[],
  fn: (item: T) => Promise<R>,
  width = 6,
): Promise<R[]> {
  const out: R[] = new Array(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, list.length) }, async () => {
      while (next < list.length) {
        const i = next++;
        out[i] = await fn(list[i]!);
      }
    }),
  );
  return out;
}
