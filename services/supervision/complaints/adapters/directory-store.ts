import { getItem } from "#shared/aws/dynamo.ts";
import { putIfNewer } from "#shared/aws/projection.ts";
import { fromRecord } from "#shared/aws/records.ts";

/**
 * Complaints' own model of the catalog's roster (issue 22: a service projects what it needs from another's events,
 * never reads its table or imports its domain):
 *   staff#<staffId> / staff    where a person works, in which role, and the identity they sign in with (who may
 *                              coordinate an unresolved matter, art. 13)
 * Each write moves forward only (the staff record's version), so reordered or repeated events are harmless.
 */
export interface StaffRef {
  staffId: string;
  userId?: string;
  centerId: string;
  departmentId?: string;
  role: string;
}

const staffKey = (staffId: string) => ({ pk: `staff#${staffId}`, sk: "staff" });

export function directoryStore(tableName: string) {
  return {
    /** Record where a person works; false when a newer version is already there. */
    saveStaff: (staff: StaffRef, version: number): Promise<boolean> =>
      putIfNewer(tableName, { ...staffKey(staff.staffId), entity: "staffRef", ...staff }, version),

    async staff(staffId: string): Promise<StaffRef | undefined> {
      const record = await getItem(tableName, staffKey(staffId));
      return record && fromRecord<StaffRef>(record);
    },
  };
}

export type DirectoryStore = ReturnType<typeof directoryStore>;
