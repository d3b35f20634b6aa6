import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import { getItem, getItems, putNew, putVersioned, queryAll, transactWrite } from "#shared/aws/dynamo.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import { eventOrder, putIfNewer } from "#shared/aws/projection.ts";
import { calendarOverrides, type CalendarOverrides } from "#shared/calendar/working-days.ts";
import { DEFAULT_WARNING_POLICY, type WarningPolicy } from "../domain/clock.ts";

/**
 * Who supervision warns and how a center counts its days, projected from the catalog's events and set by admins:
 *   center#<centerId> / policy             the center's warning thresholds (absent: DOMAIN.md defaults)
 *   center#<centerId> / closure#<date>     a closure (active or withdrawn), so its deadlines skip the day
 *   center#<centerId> / admin#<staffId>    a member of the center's administration who signs in (red warnings)
 *   center#<centerId> / chief#<deptId>     the department's chief representative (yellow and red)
 *   staff#<staffId> / staff                where a person works and the identity they sign in with
 *   handler#<subjectId> / <stage>          who handles a case's stage (the window clerk, the review assignee)
 *   center#<centerId> / dept#<deptId>      a department stationed there (work orders are dispatched to it)
 *   window#<windowId> / window             a window's center and department (ratings and complaints name it)
 *   center#<centerId> / profile            a center's name and the centers above it (city → district → subdistrict)
 *   under#<ancestorId> / center#<centerId> every center under another, with its name: a supervisor's scope
 * Each write moves forward only (a version, or the event's order), so reordered or repeated events are harmless.
 */
const centerPk = (centerId: string) => `center#${centerId}`;

export interface StaffRef {
  staffId: string;
  userId?: string;
  centerId: string;
  departmentId?: string;
  role: string;
}

/** Everything about one center the sweep needs, read in one query. */
export interface CenterFacts {
  policy: WarningPolicy;
  overrides: CalendarOverrides;
  administration: string[];
  chiefStaffIds: Map<string, string>;
}

type Order = { occurredAt: string; id: string };

export function directoryStore(tableName: string) {
  const remove = (key: { pk: string; sk: string }) =>
    dynamo().send(new DeleteCommand({ TableName: tableName, Key: key }));

  return {
    /** Record where a person works; keep the center's administration list in step. */
    async saveStaff(staff: StaffRef, version: number, previousCenterId?: string): Promise<void> {
      const written = await putIfNewer(
        tableName,
        { pk: `staff#${staff.staffId}`, sk: "staff", entity: "staffRef", ...staff },
        version,
      );
      if (!written) return;
      // The roster entry a sign-in identity belongs to: staff appraisal counts a case's handler by it (art. 45).
      if (staff.userId)
        await putIfNewer(
          tableName,
          { pk: `staffuser#${staff.userId}`, sk: "staff", entity: "staffUserRef", staffId: staff.staffId },
          version,
        );
      const membership = { sk: `admin#${staff.staffId}` };
      if (previousCenterId && previousCenterId !== staff.centerId)
        await remove({ pk: centerPk(previousCenterId), ...membership });
      if (staff.role === "admin" && staff.userId)
        await putIfNewer(
          tableName,
          { pk: centerPk(staff.centerId), ...membership, entity: "adminRef", userId: staff.userId },
          version,
        );
      else await remove({ pk: centerPk(staff.centerId), ...membership });
    },

    saveChiefRepresentative: (c: { centerId: string; departmentId: string; staffId: string }, order: Order) =>
      putIfNewer(
        tableName,
        { pk: centerPk(c.centerId), sk: `chief#${c.departmentId}`, entity: "chiefRef", ...c },
        eventOrder(order),
      ),

    saveClosure: (c: { centerId: string; date: string; active: boolean }, order: Order) =>
      putIfNewer(
        tableName,
        { pk: centerPk(c.centerId), sk: `closure#${c.date}`, entity: "closureRef", ...c },
        eventOrder(order),
      ),

    saveHandler: (h: { subjectId: string; stage: string; userId: string }, order: Order) =>
      putIfNewer(
        tableName,
        { pk: `handler#${h.subjectId}`, sk: h.stage, entity: "handlerRef", ...h },
        eventOrder(order),
      ),

    /**
     * A center's place in the hierarchy (from the catalog's snapshot, by its version): its profile, and one entry under
     * each center above it; entries under centers it no longer sits under are removed.
     */
    async saveCenter(c: { centerId: string; name: string; ancestorIds: string[] }, version: number) {
      const before = await getItem(tableName, { pk: centerPk(c.centerId), sk: "profile" });
      const written = await putIfNewer(
        tableName,
        { pk: centerPk(c.centerId), sk: "profile", entity: "centerRef", ...c },
        version,
      );
      if (!written) return;
      const sk = `center#${c.centerId}`;
      for (const gone of ((before?.ancestorIds as string[] | undefined) ?? []).filter(
        (a) => !c.ancestorIds.includes(a),
      ))
        await remove({ pk: `under#${gone}`, sk });
      for (const ancestorId of c.ancestorIds)
        await putIfNewer(
          tableName,
          { pk: `under#${ancestorId}`, sk, entity: "centerUnderRef", centerId: c.centerId, name: c.name },
          version,
        );
    },

    async centerProfile(centerId: string): Promise<{ centerId: string; name: string } | undefined> {
      const r = await getItem(tableName, { pk: centerPk(centerId), sk: "profile" });
      return r && { centerId, name: r.name as string };
    },

    /** Every center under `centerId` (at any depth), with its name. */
    async centersUnder(centerId: string): Promise<{ centerId: string; name: string }[]> {
      const items = await queryAll(tableName, `under#${centerId}`, "center#");
      return items.map((r) => ({ centerId: r.centerId as string, name: r.name as string }));
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

    saveWindow: (
      w: { windowId: string; centerId: string; departmentId?: string; code: string },
      order: Order,
    ) =>
      putIfNewer(
        tableName,
        { pk: `window#${w.windowId}`, sk: "window", entity: "windowRef", ...w },
        eventOrder(order),
      ),

    async window(windowId: string) {
      const r = await getItem(tableName, { pk: `window#${windowId}`, sk: "window" });
      return (
        r && {
          windowId,
          centerId: r.centerId as string,
          departmentId: r.departmentId as string | undefined,
          code: r.code as string,
        }
      );
    },

    async staff(staffId: string): Promise<StaffRef | undefined> {
      const r = await getItem(tableName, { pk: `staff#${staffId}`, sk: "staff" });
      return (
        r && {
          staffId,
          centerId: r.centerId as string,
          role: r.role as string,
          ...(r.userId ? { userId: r.userId as string } : {}),
          ...(r.departmentId ? { departmentId: r.departmentId as string } : {}),
        }
      );
    },

    /** The roster entries of sign-in identities (those known), by identity. */
    async staffIdsOfUsers(userIds: string[]): Promise<Map<string, string>> {
      const unique = [...new Set(userIds)];
      const records = await Promise.all(
        unique.map((u) => getItem(tableName, { pk: `staffuser#${u}`, sk: "staff" })),
      );
      return new Map(
        unique.flatMap((u, i) => (records[i] ? [[u, records[i]!.staffId as string] as const] : [])),
      );
    },

    /** Whether a stage's handler was written by this event (its order is the one kept): a repeat, then. */
    async handlerFrom(subjectId: string, stage: string, order: Order): Promise<boolean> {
      const record = await getItem(tableName, { pk: `handler#${subjectId}`, sk: stage });
      return record?.projectionOrder === eventOrder(order);
    },

    /** The handlers of a subject's stages, by stage. */
    async handlers(subjectId: string): Promise<Record<string, string>> {
      const records = await queryAll(tableName, `handler#${subjectId}`, "");
      return Object.fromEntries(records.map((r) => [r.stage as string, r.userId as string]));
    },

    /** The center's thresholds with the event that records the change; refused if another change came first. */
    async savePolicy(
      centerId: string,
      policy: WarningPolicy & { version: number },
      event: Envelope,
    ): Promise<void> {
      const item = { pk: centerPk(centerId), sk: "policy", entity: "warningPolicy", centerId, ...policy };
      await transactWrite(
        [
          policy.version === 1 ? putNew(tableName, item) : putVersioned(tableName, item),
          putNew(tableName, eventItem(event, centerPk(centerId))),
        ],
        () => new ConflictError("The warning policy changed meanwhile; read it again."),
      );
    },

    async policy(centerId: string): Promise<WarningPolicy & { version: number }> {
      const record = await getItem(tableName, { pk: centerPk(centerId), sk: "policy" });
      if (!record) return { ...DEFAULT_WARNING_POLICY, version: 0 };
      const { reminderShare, yellowShare, yellowWorkingDaysLeft, version } = record as Record<string, number>;
      return {
        reminderShare: reminderShare!,
        yellowShare: yellowShare!,
        yellowWorkingDaysLeft: yellowWorkingDaysLeft!,
        version: version!,
      };
    },

    async center(centerId: string): Promise<CenterFacts> {
      const records = await queryAll(tableName, centerPk(centerId), "");
      const of = (entity: string) => records.filter((r) => r.entity === entity);
      const policy = of("warningPolicy")[0] as (WarningPolicy & Record<string, unknown>) | undefined;
      return {
        policy: policy
          ? {
              reminderShare: policy.reminderShare,
              yellowShare: policy.yellowShare,
              yellowWorkingDaysLeft: policy.yellowWorkingDaysLeft,
            }
          : DEFAULT_WARNING_POLICY,
        overrides: calendarOverrides({
          closed: of("closureRef")
            .filter((r) => r.active)
            .map((r) => r.date as string),
        }),
        administration: of("adminRef").map((r) => r.userId as string),
        chiefStaffIds: new Map(of("chiefRef").map((r) => [r.departmentId as string, r.staffId as string])),
      };
    },

    /** The sign-in identities of staff, by staff id (those without one are left out). */
    async userIds(staffIds: string[]): Promise<string[]> {
      if (staffIds.length === 0) return [];
      const records = await getItems(
        tableName,
        staffIds.map((id) => ({ pk: `staff#${id}`, sk: "staff" })),
      );
      return records.flatMap((r) => (r?.userId ? [r.userId as string] : []));
    },
  };
}

export type DirectoryStore = ReturnType<typeof directoryStore>;
