import { getItem, queryAll } from "#shared/aws/dynamo.ts";
import { eventOrder, putIfNewer } from "#shared/aws/projection.ts";
import { fromTable } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import type { Authorization } from "../domain/authority.ts";
import type { LegalBasis } from "../domain/task.ts";

/**
 * Review's projections of the catalog (`ref#…`), each moving forward only:
 *   ref#auth#<centerId>#<itemId> / auth   — the authorized-approval entry, or none
 *   ref#guide#<itemId> / v#000007          — materials and checkpoints of each guide version
 *   ref#staff#<userId> / staff             — where a signed-in person is stationed (residency)
 *   ref#stf#<staffId> / staff              — the roster entry by its id: who may approve an extension (head);
 *     gsi1 `roster#<centerId>#<departmentId>` / `<name>#<staffId>` (deciders, keys only), for people of a department
 *   ref#dept#<departmentId> / dept         — name and center, for the seal
 */
const rosterPk = (centerId: string, departmentId: string) => `roster#${centerId}#${departmentId}`;

export interface StaffRef {
  staffId: string;
  userId: string;
  centerId: string;
  departmentId?: string;
  role: string;
}

/** A roster entry as review needs it to check an approval: who, for which department, heading it or not. */
export interface RosterRef {
  staffId: string;
  name: string;
  centerId: string;
  departmentId?: string;
  role: string;
  head: boolean;
  /** The identity they sign in with (what a task's assignee is), when they have one. */
  userId?: string;
}

export interface GuideTermsRef {
  itemId: string;
  version: number;
  materials: { name: string }[];
  checkpoints: string[];
  /** The item's legal basis in this version (absent in versions projected before it was kept, issue 21). */
  legalBasis?: LegalBasis;
}

const pad = (v: number) => String(v).padStart(6, "0");

/** Where a guide version's terms are kept; a version is immutable, and so is its item once written. */
export const guideRefKey = (itemId: string, version: number) => ({
  pk: `ref#guide#${itemId}`,
  sk: `v#${pad(version)}`,
});

export function referenceStore(tableName: string) {
  return {
    saveAuthorization: (
      entry: { centerId: string; itemId: string; authorization?: Authorization },
      event: { occurredAt: string; id: string },
    ) =>
      putIfNewer(
        tableName,
        {
          pk: `ref#auth#${entry.centerId}#${entry.itemId}`,
          sk: "auth",
          entity: "authorizationRef",
          ...entry,
        },
        eventOrder(event),
      ),

    async authorization(centerId: string, itemId: string): Promise<Authorization | undefined> {
      const record = await getItem(tableName, { pk: `ref#auth#${centerId}#${itemId}`, sk: "auth" });
      return record?.authorization as Authorization | undefined;
    },

    saveGuide: (terms: GuideTermsRef) =>
      putIfNewer(tableName, { ...guideRefKey(terms.itemId, terms.version), entity: "guideRef", ...terms }, 1),

    async guide(itemId: string, version: number): Promise<GuideTermsRef | undefined> {
      const record = await getItem(tableName, guideRefKey(itemId, version));
      return record && fromRecord<GuideTermsRef>(record);
    },

    saveStaff: (staff: StaffRef, version: number) =>
      putIfNewer(
        tableName,
        { pk: `ref#staff#${staff.userId}`, sk: "staff", entity: "staffRef", ...staff },
        version,
      ),

    async staffByUser(userId: string): Promise<StaffRef | undefined> {
      const record = await getItem(tableName, { pk: `ref#staff#${userId}`, sk: "staff" });
      return record && fromRecord<StaffRef>(record);
    },

    saveRosterEntry: (entry: RosterRef, version: number) =>
      putIfNewer(
        tableName,
        {
          pk: `ref#stf#${entry.staffId}`,
          sk: "staff",
          entity: "rosterRef",
          // Sparse: only people of a department are listed among its deciders; a move re-keys the entry.
          ...(entry.departmentId
            ? {
                gsi1pk: rosterPk(entry.centerId, entry.departmentId),
                gsi1sk: `${entry.name}#${entry.staffId}`,
              }
            : {}),
          ...entry,
        },
        version,
      ),

    /** A department's people stationed in a center (approvers, its chief representative), by name. */
    async deciders(centerId: string, departmentId: string): Promise<RosterRef[]> {
      // gsi1 holds keys (and the tasks' filter attributes) only: the entries are read from the table.
      const found = await queryAll(tableName, rosterPk(centerId, departmentId), "", "gsi1");
      const records = await fromTable(tableName, "gsi1", found);
      return records
        .map((r) => fromRecord<RosterRef>(r))
        .filter((r) => r.role === "approver" || r.role === "chiefRep");
    },

    async rosterEntry(staffId: string): Promise<RosterRef | undefined> {
      const record = await getItem(tableName, { pk: `ref#stf#${staffId}`, sk: "staff" });
      return record && fromRecord<RosterRef>(record);
    },

    saveDepartment: (
      d: { id: string; centerId: string; name: string; chiefRepresentativeId?: string },
      event: { occurredAt: string; id: string },
    ) =>
      putIfNewer(
        tableName,
        { pk: `ref#dept#${d.id}`, sk: "dept", entity: "departmentRef", ...d },
        eventOrder(event),
      ),

    async department(
      departmentId: string,
    ): Promise<{ id: string; centerId: string; name: string } | undefined> {
      const record = await getItem(tableName, { pk: `ref#dept#${departmentId}`, sk: "dept" });
      return record && fromRecord(record);
    },
  };
}

export type ReferenceStore = ReturnType<typeof referenceStore>;
