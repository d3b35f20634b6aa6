import * as z from "zod";
import { defineEvent } from "#shared/events/define-event.ts";
import { centerInputSchema } from "./center-values.ts";
import { dateOpeningSchema } from "./hours-values.ts";
import { departmentInputSchema } from "./department-values.ts";
import { guideContentSchema } from "./guide-values.ts";
import { itemStatusInputSchema } from "./item-status-values.ts";
import { LEVELS } from "./levels-values.ts";
import { stationInputSchema } from "./station-values.ts";
import { staffInputSchema, trainingSchema } from "./staff-values.ts";
import { COMPLIANCE_RULES, findingFactsSchema } from "./staff-compliance-values.ts";
import { windowInputSchema } from "./window-values.ts";
import { publishedYearSchema } from "#shared/calendar/holiday-schedule.ts";

/**
 * Catalog events carry whole snapshots of what changed, so every other service can keep its own projection of the
 * reference data (DESIGN.md, "Data and events") without reading the catalog's table.
 */

export const centerSnapshot = centerInputSchema.extend({
  id: z.string(),
  ancestorIds: z.array(z.string()),
  version: z.number().int().positive(),
});

export const centerRegistered = defineEvent(
  "center.registered",
  1,
  z.object({ center: centerSnapshot }),
  "A service center was registered (art. 8).",
);
export const centerUpdated = defineEvent(
  "center.updated",
  1,
  z.object({ center: centerSnapshot }),
  "A center's profile changed: name, address, phone, zones, facilities or service hours (art. 10–15).",
);
export const closureAdded = defineEvent(
  "center.closure-added",
  1,
  z.object({ centerId: z.string(), date: z.iso.date(), reason: z.string() }),
  "A center is closed on a date that would otherwise be a working day: deadlines skip it.",
);
export const closureRemoved = defineEvent(
  "center.closure-removed",
  1,
  z.object({ centerId: z.string(), date: z.iso.date() }),
  "A center closure was withdrawn.",
);
export const openingAdded = defineEvent(
  "center.opening-added",
  1,
  dateOpeningSchema.extend({ centerId: z.string() }),
  "A center opens on a date that is nationally a rest day, with its hours and what it offers (it stays a rest day for deadlines).",
);
export const openingRemoved = defineEvent(
  "center.opening-removed",
  1,
  z.object({ centerId: z.string(), date: z.iso.date() }),
  "A center's opening on a rest day was withdrawn.",
);
export const stationRegistered = defineEvent(
  "station.registered",
  1,
  z.object({ station: stationInputSchema.extend({ id: z.string(), centerId: z.string() }) }),
  "A service station was set up under a subdistrict or township center (art. 8).",
);

const windowSnapshot = windowInputSchema.extend({
  id: z.string(),
  centerId: z.string(),
  version: z.number().int(),
});
export const windowRegistered = defineEvent(
  "window.registered",
  1,
  z.object({ window: windowSnapshot }),
  "A service window was set up (art. 13).",
);
export const windowUpdated = defineEvent(
  "window.updated",
  1,
  z.object({ window: windowSnapshot }),
  "A window's items, languages, department or open/closed status changed.",
);

const departmentSnapshot = departmentInputSchema.extend({
  id: z.string(),
  centerId: z.string(),
  chiefRepresentativeId: z.string().optional(),
  stationedOn: z.iso.date(),
});
export const departmentStationed = defineEvent(
  "department.stationed",
  1,
  z.object({ department: departmentSnapshot }),
  "An approving department was stationed in a center (art. 42).",
);
export const chiefRepresentativeAppointed = defineEvent(
  "department.chief-representative-appointed",
  1,
  z.object({
    centerId: z.string(),
    departmentId: z.string(),
    staffId: z.string(),
    previousStaffId: z.string().optional(),
  }),
  "A department's chief representative in a center was appointed (art. 44).",
);

const itemSummary = {
  itemId: z.string(),
  code: z.string(),
  name: z.string(),
  departmentId: z.string(),
  level: z.enum(LEVELS),
};

export const itemRegistered = defineEvent(
  "item.registered",
  1,
  z.object(itemSummary),
  "A service item was added to the catalog.",
);

/** Carries the full guide so every consumer can keep its own copy. */
export const guidePublished = defineEvent(
  "item.guide-published",
  1,
  z.object({
    ...itemSummary,
    version: z.number().int().positive(),
    publishedAt: z.iso.datetime({ offset: true }),
    guide: guideContentSchema,
  }),
  "A new, immutable guide version of an item was published (art. 20, 26).",
);

export const itemStatusChanged = defineEvent(
  "item.status-changed",
  1,
  z.object({
    ...itemSummary,
    centerId: z.string(),
    guideVersion: z.number().int().nonnegative(),
    status: itemStatusInputSchema,
    previous: itemStatusInputSchema.optional(),
  }),
  "An item's status in a center changed: resident, excluded (negative list), delegated acceptance, authorized approval (art. 18, 26, 28).",
);

const staffSnapshotSchema = staffInputSchema.omit({ idNumber: true, phone: true }).extend({
  id: z.string(),
  training: z.array(trainingSchema),
  version: z.number().int(),
});
export const staffRegistered = defineEvent(
  "staff.registered",
  1,
  z.object({ staff: staffSnapshotSchema }),
  "A person joined a center's roster (art. 43).",
);
export const assignmentFiled = defineEvent(
  "staff.assignment-filed",
  1,
  z.object({
    staff: staffSnapshotSchema,
    previous: z.object({
      centerId: z.string(),
      departmentId: z.string().optional(),
      role: z.string(),
      windowId: z.string().optional(),
      keyPost: z.boolean(),
      head: z.boolean().optional(),
    }),
    effectiveOn: z.iso.date(),
    reason: z.string(),
    filedBy: z.string(),
  }),
  "An assignment change was filed with the administration (art. 46): center, department, role, window or key post.",
);
export const trainingRecorded = defineEvent(
  "staff.training-recorded",
  1,
  z.object({ staff: staffSnapshotSchema, training: trainingSchema }),
  "Training was recorded (art. 49).",
);
export const examPassed = defineEvent(
  "staff.exam-passed",
  1,
  z.object({
    staff: staffSnapshotSchema,
    passedOn: z.iso.date(),
    qualificationLevel: z.number().int().optional(),
  }),
  "A clerk passed the exam that lets them work alone (art. 49–50).",
);

/** Staff compliance (art. 43–49): ids, dates and counts only — no names, ID or phone numbers. */
export const complianceFindingRaised = defineEvent(
  "staff.compliance-finding-raised",
  1,
  findingFactsSchema.and(z.object({ findingId: z.string(), articles: z.string(), checkedOn: z.iso.date() })),
  "The daily staff check found a rule broken: clerk alone before internship and exam, resident moved early, key post overdue, window uncovered (art. 43–49).",
);
export const complianceFindingResolved = defineEvent(
  "staff.compliance-finding-resolved",
  1,
  z.object({
    findingId: z.string(),
    centerId: z.string(),
    rule: z.enum(COMPLIANCE_RULES),
    subject: z.object({ kind: z.enum(["staff", "window"]), id: z.string() }),
    raisedOn: z.iso.date(),
    checkedOn: z.iso.date(),
  }),
  "A staff compliance finding no longer holds on the daily check: its cause was fixed or its period is over.",
);

export const calendarYearPublished = defineEvent(
  "calendar.year-published",
  1,
  publishedYearSchema,
  "A year's holiday schedule was published (or corrected) from the State Council's notice: every service that counts working days projects it, open deadlines in that year move, and nothing rests on the provisional calendar for it any more.",
);

export const calendarCoverageLow = defineEvent(
  "calendar.coverage-low",
  2,
  z.object({
    checkedOn: z.iso.date(),
    /** The years deadlines set today can reach whose schedule is not published (provisional). */
    provisionalYears: z.array(z.number().int()).min(1),
    /** Where the longest limit a guide allows, started today, ends. */
    reachesOn: z.iso.date(),
    longestLimitWorkingDays: z.number().int(),
  }),
  "Deadlines set today can reach a year whose holiday schedule is not published: they rest on the provisional calendar until an administrator publishes the State Council's notice (PUT /v1/calendar/years/{year}).",
);
