import { getItem, queryAll } from "#shared/aws/dynamo.ts";
import { eventOrder, putIfNewer } from "#shared/aws/projection.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { calendarOverrides, type CalendarOverrides } from "#shared/calendar/working-days.ts";

/**
 * Complaints' own model of the catalog's centers and roster (issue 22: a service projects what it needs from another's
 * events, never reads its table or imports its domain):
 *   staff#<staffId> / staff              where a person works, in which role, and the identity they sign in with (who
 *                                        may coordinate an unresolved matter, art. 13; who handles a work order)
 *   window#<windowId> / window           a window's center and department (ratings and complaints name it)
 *   center#<centerId> / dept#<deptId>    a department stationed there (work orders are dispatched to it)
 *   center#<centerId> / closure#<date>   a closure (active or withdrawn): the appeal window counts working days
 * Each write moves forward only (a version, or the event's order), so reordered or repeated events are harmless.
 */
export interface StaffRef {
  staffId: string;
  userId?: string;
  centerId: string;
  departmentId?: string;
  role: string;
}

/** What complaints needs of a center to count its days. */
export interface CenterFacts {
  overrides: CalendarOverrides;
}

type Order = { occurredAt: string; id: string };

const centerPk = (centerId: string) => `center#${centerId}`;
const staffKey = (staffId: string) => ({ pk: `staff#${staffId}`, sk: "staff" });
const windowKey = (windowId: string) => ({ pk: `window#${windowId}`, sk: "window" });

export function directoryStore(tableName: string) {
  return {
    /** Record where a person works; false when a newer version is already there. */
    saveStaff: (staff: StaffRef, version: number): Promise<boolean> =>
      putIfNewer(tableName, { ...staffKey(staff.staffId), entity: "staffRef", ...staff }, version),

    async staff(staffId: string): Promise<StaffRef | undefined> {
      const record = await getItem(tableName, staffKey(staffId));
      return record && fromRecord<StaffRef>(record);
    },

    saveWindow: (
      w: { windowId: string; centerId: string; departmentId?: string; code: string },
      order: Order,
    ) => putIfNewer(tableName, { ...windowKey(w.windowId), entity: "windowRef", ...w }, eventOrder(order)),

    async window(windowId: string) {
      const r = await getItem(tableName, windowKey(windowId));
      return (
        r && {
          windowId,
          centerId: r.centerId as string,
          departmentId: r.departmentId as string | undefined,
          code: r.code as string,
        }
      );
    },

    saveDepartment: (d: { centerId: string; departmentId: string }, order: Order) =>
      putIfNewer(
        tableName,
        { pk: centerPk(d.centerId), sk: `dept#${d.departmentId}`, entity: "departmentRef", ...d },
        eventOrder(order),
      ),

    async hasDepartment(centerId: string, departmentId: string): Promise<boolean> {
      return (await getItem(tableName, { pk: centerPk(centerId), sk: `dept#${departmentId}` })) !== undefined;
    },

    saveClosure: (c: { centerId: string; date: string; active: boolean }, order: Order) =>
      putIfNewer(
        tableName,
        { pk: centerPk(c.centerId), sk: `closure#${c.date}`, entity: "closureRef", ...c },
        eventOrder(order),
      ),

    async center(centerId: string): Promise<CenterFacts> {
      const closures = await queryAll(tableName, centerPk(centerId), "closure#");
      return {
        overrides: calendarOverrides({
          closed: closures.filter((r) => r.active).map((r) => r.date as string),
        }),
      };
    },
  };
}

export type DirectoryStore = ReturnType<typeof directoryStore>;
