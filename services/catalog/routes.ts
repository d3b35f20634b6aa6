import * as z from "zod";
import {
  commonErrors,
  conflict,
  idSchema,
  notFound,
  pageQuery,
  unprocessable,
} from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";
import { STAFF_ROLES } from "#shared/auth/roles.ts";
import { centerInputSchema, centerProfileSchema } from "./domain/center.ts";
import { dateOpeningSchema } from "./domain/hours.ts";
import { departmentInputSchema } from "./domain/department.ts";
import { guideContentSchema } from "./domain/guide.ts";
import { itemStatusInputSchema } from "./domain/item-status.ts";
import {
  centerItemPageSchema,
  centerItemSchema,
  guideVersionSchema,
  itemSchema,
  itemStatusSchema,
  itemSummaryPageSchema,
  itemWithGuideSchema,
} from "./item.schema.ts";
import { staffCardSchema, staffMemberSchema, staffPageSchema } from "./staff.schema.ts";
import {
  closureSchema,
  openingSchema,
  centerDetailSchema,
  centerPageSchema,
  centerSchema,
  departmentSchema,
  stationSchema,
  windowSchema,
} from "./center.schema.ts";
import { itemInputSchema } from "./domain/item.ts";
import { CENTER_LEVELS, LEVELS } from "./domain/levels.ts";
import { assignmentChangeSchema, staffInputSchema, trainingSchema } from "./domain/staff.ts";
import { COMPLIANCE_RULES, FINDING_STATES } from "./domain/staff-compliance.ts";
import { stationInputSchema } from "./domain/station.ts";
import { windowInputSchema, windowUpdateSchema } from "./domain/window.ts";
import { yearScheduleInputSchema } from "#shared/calendar/holiday-schedule.ts";
import {
  calendarCoverageSchema,
  calendarYearSchema,
  complianceFindingPageSchema,
  workdaysSchema,
} from "./calendar.schema.ts";

const centerId = idSchema("ctr");
const itemParams = z.object({ itemId: idSchema("itm") });
const centerParams = z.object({ centerId });
const staffParams = z.object({ staffId: idSchema("stf") });
const writes = { ...commonErrors, ...notFound, ...conflict, ...unprocessable };
const ADMIN = ["admin"] as const;
const yearParams = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, "a year, YYYY")
    .transform(Number),
});

export const routes = {
  // Centers, stations, windows, departments, closures (art. 8–15, 42–44)
  listCenters: route("GET /v1/centers", {
    handler: "list-centers",
    auth: "public",
    summary: "Service centers by level and name, or the centers directly below one",
    query: z.object({ level: z.enum(CENTER_LEVELS).optional(), parentId: centerId.optional(), ...pageQuery }),
    responses: {
      200: { description: "A page of centers", schema: centerPageSchema },
      400: commonErrors[400],
    },
  }),
  registerCenter: route("POST /v1/centers", {
    handler: "register-center",
    auth: ADMIN,
    summary: "Register a center below one the caller administers (art. 4, 8)",
    body: centerInputSchema,
    responses: { 201: { description: "The center", schema: centerSchema }, ...writes },
  }),
  getCenter: route("GET /v1/centers/{centerId}", {
    handler: "get-center",
    auth: "public",
    summary: "A center with its hours, phone, zones, facilities, departments, windows and stations",
    params: centerParams,
    responses: {
      200: {
        description: "The center with its departments, windows, stations and openings",
        schema: centerDetailSchema,
      },
      400: commonErrors[400],
      ...notFound,
    },
  }),
  updateCenter: route("PATCH /v1/centers/{centerId}", {
    handler: "update-center",
    auth: ADMIN,
    summary: "Change a center's profile or service hours (art. 10–15)",
    params: centerParams,
    body: centerProfileSchema.partial(),
    responses: { 200: { description: "The center", schema: centerSchema }, ...writes },
  }),
  registerStation: route("POST /v1/centers/{centerId}/stations", {
    handler: "register-station",
    auth: ADMIN,
    summary: "Set up a service station under a subdistrict or township center",
    params: centerParams,
    body: stationInputSchema,
    responses: { 201: { description: "The station", schema: stationSchema }, ...writes },
  }),
  registerWindow: route("POST /v1/centers/{centerId}/windows", {
    handler: "register-window",
    auth: ADMIN,
    summary: "Set up a window: type, department, items, languages (art. 13, 15)",
    params: centerParams,
    body: windowInputSchema,
    responses: { 201: { description: "The window", schema: windowSchema }, ...writes },
  }),
  updateWindow: route("PATCH /v1/centers/{centerId}/windows/{windowId}", {
    handler: "update-window",
    auth: ADMIN,
    summary: "Change a window's items, languages, department or open/closed status",
    params: z.object({ centerId, windowId: idSchema("win") }),
    body: windowUpdateSchema,
    responses: { 200: { description: "The window", schema: windowSchema }, ...writes },
  }),
  stationDepartment: route("POST /v1/centers/{centerId}/departments", {
    handler: "station-department",
    auth: ADMIN,
    summary: "Station an approving department in the center (art. 42)",
    params: centerParams,
    body: departmentInputSchema,
    responses: { 201: { description: "The department", schema: departmentSchema }, ...writes },
  }),
  appointChiefRepresentative: route(
    "PUT /v1/centers/{centerId}/departments/{departmentId}/chief-representative",
    {
      handler: "appoint-chief-representative",
      auth: ADMIN,
      summary: "Appoint the department's chief representative in the center (art. 44)",
      params: z.object({ centerId, departmentId: idSchema("dep") }),
      body: z.object({ staffId: idSchema("stf") }),
      responses: { 200: { description: "The department", schema: departmentSchema }, ...writes },
    },
  ),
  addClosure: route("POST /v1/centers/{centerId}/closures", {
    handler: "add-closure",
    auth: ADMIN,
    summary: "Close the center on a date that would be a working day (deadlines skip it)",
    params: centerParams,
    body: z.object({ date: z.iso.date(), reason: z.string().trim().min(2).max(200) }),
    responses: { 201: { description: "The closure", schema: closureSchema }, ...writes },
  }),
  removeClosure: route("DELETE /v1/centers/{centerId}/closures/{date}", {
    handler: "remove-closure",
    auth: ADMIN,
    summary: "Withdraw a closure",
    params: z.object({ centerId, date: z.iso.date() }),
    responses: { 204: { description: "Withdrawn" }, ...writes },
  }),
  addOpening: route("POST /v1/centers/{centerId}/openings", {
    handler: "add-opening",
    auth: ADMIN,
    summary:
      "Open the center on one rest day, with its hours and what it offers (appointments, consultation and receipt, self-service)",
    description:
      "Only a date that is nationally a rest day, from today on, and not one the center closed (422 naming `date`). " +
      "On that date it replaces the center's rest-day openings; the day stays a rest day for deadlines.",
    params: centerParams,
    body: dateOpeningSchema,
    responses: { 201: { description: "The opening", schema: openingSchema }, ...writes },
  }),
  removeOpening: route("DELETE /v1/centers/{centerId}/openings/{date}", {
    handler: "remove-opening",
    auth: ADMIN,
    summary: "Withdraw an opening on a rest day",
    params: z.object({ centerId, date: z.iso.date() }),
    responses: { 204: { description: "Withdrawn" }, ...writes },
  }),

  // Items, guides and their status in centers (art. 17–20, 26, 28, 35, 37)
  listItems: route("GET /v1/items", {
    handler: "list-items",
    auth: "public",
    summary: "Service items: keyword search over name and code; filters by department, level and center",
    query: z.object({
      q: z.string().trim().min(1).max(50).optional(),
      departmentId: idSchema("dep").optional(),
      level: z.enum(LEVELS).optional(),
      centerId: centerId.optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: "A page of item summaries, whatever narrows it", schema: itemSummaryPageSchema },
      400: commonErrors[400],
    },
  }),
  listCenterItems: route("GET /v1/centers/{centerId}/items", {
    handler: "list-center-items",
    auth: "public",
    summary:
      "A center's items with their status there: resident or excluded (negative list), delegation, authorization",
    params: z.object({ centerId }),
    query: z.object({
      q: z.string().trim().min(1).max(50).optional(),
      departmentId: idSchema("dep").optional(),
      level: z.enum(LEVELS).optional(),
      status: z.enum(["resident", "excluded"]).optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: "A page of the center's item statuses", schema: centerItemPageSchema },
      400: commonErrors[400],
      ...notFound,
    },
  }),
  registerItem: route("POST /v1/items", {
    handler: "register-item",
    auth: ADMIN,
    summary: "Add a service item for a department stationed in a center the caller administers",
    body: itemInputSchema,
    responses: { 201: { description: "The item", schema: itemSchema }, ...writes },
  }),
  getItem: route("GET /v1/items/{itemId}", {
    handler: "get-item",
    auth: "public",
    summary: "A service item with its current guide (or `?version=`)",
    params: itemParams,
    query: z.object({ version: z.coerce.number().int().positive().optional() }),
    responses: {
      200: { description: "The item and guide", schema: itemWithGuideSchema },
      400: commonErrors[400],
      ...notFound,
    },
  }),
  publishGuide: route("POST /v1/items/{itemId}/guides", {
    handler: "publish-guide",
    auth: ADMIN,
    summary: "Publish a new, immutable guide version",
    params: itemParams,
    body: guideContentSchema,
    responses: { 201: { description: "The published guide version", schema: guideVersionSchema }, ...writes },
  }),
  getItemStatus: route("GET /v1/centers/{centerId}/items/{itemId}", {
    handler: "get-item-status",
    auth: "public",
    summary: "Whether and how an item is handled in a center",
    params: z.object({ centerId, itemId: idSchema("itm") }),
    responses: {
      200: { description: "The status", schema: centerItemSchema },
      400: commonErrors[400],
      ...notFound,
    },
  }),
  setItemStatus: route("PUT /v1/centers/{centerId}/items/{itemId}", {
    handler: "set-item-status",
    auth: ADMIN,
    summary:
      "Resident or excluded (negative list), delegated acceptance, authorized approval (art. 18, 26, 28)",
    params: z.object({ centerId, itemId: idSchema("itm") }),
    body: itemStatusInputSchema,
    responses: { 200: { description: "The status", schema: itemStatusSchema }, ...writes },
  }),

  // Staff roster (art. 43–50)
  listStaff: route("GET /v1/centers/{centerId}/staff", {
    handler: "list-staff",
    auth: ["admin", "supervisor"],
    summary: "A center's roster, personal data masked",
    params: centerParams,
    query: z.object(pageQuery),
    responses: {
      200: { description: "A page of staff", schema: staffPageSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  registerStaff: route("POST /v1/staff", {
    handler: "register-staff",
    auth: ADMIN,
    summary: "Add a person to a center's roster (art. 43)",
    body: staffInputSchema,
    responses: {
      201: { description: "The staff member, personal data masked", schema: staffMemberSchema },
      ...writes,
    },
  }),
  getStaff: route("GET /v1/staff/{staffId}", {
    handler: "get-staff",
    auth: ["admin", "supervisor"],
    summary: "One person's record",
    params: staffParams,
    responses: {
      200: { description: "The staff member", schema: staffMemberSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  getMyStaff: route("GET /v1/me/staff", {
    handler: "get-my-staff",
    auth: STAFF_ROLES,
    summary: "The signed-in person's own roster entry: center, department, window and duty",
    responses: {
      200: { description: "Your roster entry", schema: staffMemberSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  getStaffCard: route("GET /v1/staff/{staffId}/card", {
    handler: "get-staff-card",
    auth: "public",
    summary: "The public card shown at the window: name, duty, window (art. 52(二))",
    params: staffParams,
    responses: {
      200: { description: "The card", schema: staffCardSchema },
      400: commonErrors[400],
      ...notFound,
    },
  }),
  fileAssignment: route("POST /v1/staff/{staffId}/assignments", {
    handler: "file-assignment",
    auth: ADMIN,
    summary: "File an assignment change with the administration (art. 46)",
    params: staffParams,
    body: assignmentChangeSchema,
    responses: {
      200: { description: "The staff member after the change", schema: staffMemberSchema },
      ...writes,
    },
  }),
  recordTraining: route("POST /v1/staff/{staffId}/training", {
    handler: "record-training",
    auth: ADMIN,
    summary: "Record training (art. 49)",
    params: staffParams,
    body: trainingSchema,
    responses: { 200: { description: "The staff member", schema: staffMemberSchema }, ...writes },
  }),
  recordExam: route("POST /v1/staff/{staffId}/exam", {
    handler: "record-exam",
    auth: ADMIN,
    summary: "Record the exam that lets a new clerk work alone (art. 49–50)",
    params: staffParams,
    body: z.object({ passedOn: z.iso.date(), qualificationLevel: z.number().int().min(1).max(5).optional() }),
    responses: { 200: { description: "The staff member", schema: staffMemberSchema }, ...writes },
  }),

  listComplianceFindings: route("GET /v1/compliance/findings", {
    handler: "list-compliance-findings",
    auth: ["admin", "supervisor"],
    summary:
      "The daily staff check's findings in a center: clerks alone before internship and exam, early resident moves, overdue key-post rotation, uncovered windows (art. 43–49)",
    query: z.object({
      centerId,
      rule: z.enum(COMPLIANCE_RULES).optional(),
      state: z.enum(FINDING_STATES).optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: "A page of findings", schema: complianceFindingPageSchema },
      ...commonErrors,
    },
  }),

  // Calendar
  listWorkdays: route("GET /v1/calendar/workdays", {
    handler: "list-workdays",
    auth: "public",
    summary:
      "Working days in a range (State Council holidays and make-up days; a center's closures with centerId)",
    query: z.object({ from: z.iso.date(), to: z.iso.date(), centerId: centerId.optional() }),
    responses: {
      200: { description: "The working days", schema: workdaysSchema },
      400: commonErrors[400],
      ...notFound,
      ...unprocessable,
    },
  }),
  getCalendarCoverage: route("GET /v1/calendar/coverage", {
    handler: "get-calendar-coverage",
    auth: "public",
    summary:
      "The years a deadline set today can reach (the longest limit any guide allows) and whether each has its published schedule",
    responses: {
      200: {
        description: "Coverage status: `provisional` while a year reached is not published",
        schema: calendarCoverageSchema,
      },
    },
  }),
  getCalendarYear: route("GET /v1/calendar/years/{year}", {
    handler: "get-calendar-year",
    auth: "public",
    summary: "A year's holiday schedule in force: official (published), package, or provisional",
    description:
      "`source` says where it comes from: `official` (published from the State Council's notice, with `notice` and " +
      "`version`), `package` (the holiday data shipped with the system, 2004–2026) or `provisional` (not published " +
      "yet: weekends plus the statutory holidays of the 2024 national rules, no make-up working days). With the " +
      "year's `statutoryHolidays` and its number of `workingDays`.",
    params: yearParams,
    responses: {
      200: { description: "The year's calendar", schema: calendarYearSchema },
      400: commonErrors[400],
    },
  }),
  publishCalendarYear: route("PUT /v1/calendar/years/{year}", {
    handler: "publish-calendar-year",
    auth: ADMIN,
    summary:
      "Publish or correct a year's holiday schedule from the State Council's notice (city center administration)",
    description:
      "Holiday ranges with their names, make-up working days (调休上班, Saturdays or Sundays only) and the notice. " +
      "Every statutory holiday of the year must be inside a range (422 naming the day otherwise). `version` is the " +
      "version read (0 for a year never published); a change made meanwhile is refused (409). Open deadlines in the " +
      "year move; appointments on days that became holidays are listed for their centers and their applicants told; " +
      "dates already printed on issued notices stay as printed.",
    params: yearParams,
    body: yearScheduleInputSchema.extend({ version: z.number().int().min(0) }),
    responses: {
      200: { description: "The year's calendar as published", schema: calendarYearSchema },
      ...writes,
    },
  }),
};
