import * as z from "zod";
import { STAFF_ROLES } from "#shared/auth/roles.ts";
import {
  commonErrors,
  conflict,
  idSchema,
  notFound,
  pageQuery,
  unprocessable,
} from "#shared/http/schemas.ts";
import { route, type ScheduleDefinition } from "#shared/manifest/types.ts";
import {
  applicationClocksSchema,
  crossCenterWarningsSchema,
  warningPageSchema,
  warningPolicySchema,
} from "./clock.schema.ts";
import { LEVELS, STAGES } from "./domain/clock.ts";

const centerId = idSchema("ctr");
const share = z.number().gt(0).lt(1);

export const routes = {
  listWarnings: route("GET /v1/warnings", {
    handler: "list-warnings",
    auth: STAFF_ROLES,
    summary:
      "Open tiered warnings of a center (art. 21): red, then yellow, then reminders; approvers and chief representatives see their department's",
    query: z.object({
      centerId: centerId.optional(),
      level: z.enum(LEVELS).optional(),
      stage: z.enum(STAGES).optional(),
      departmentId: idSchema("dep").optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: "A page of open warnings", schema: warningPageSchema },
      ...commonErrors,
    },
  }),
  crossCenterWarnings: route("GET /v1/supervision/warnings", {
    handler: "list-cross-center-warnings",
    auth: ["supervisor"],
    summary:
      "Warnings across centers (art. 21, 53): the supervisor's center and every center under it, red first; open warnings per center by level",
    query: z.object({
      level: z.enum(LEVELS).optional(),
      stage: z.enum(STAGES).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(100),
    }),
    responses: {
      200: {
        description: "Each center's counts and the most urgent warnings",
        schema: crossCenterWarningsSchema,
      },
      ...commonErrors,
    },
  }),
  applicationClocks: route("GET /v1/applications/{applicationId}/clocks", {
    handler: "get-application-clocks",
    auth: ["applicant", ...STAFF_ROLES],
    summary:
      "A case's full-process clocks (art. 21): acceptance, review, special procedures, cure, delivery and the whole case, with their warnings",
    params: z.object({ applicationId: idSchema("app") }),
    responses: {
      200: { description: "The clocks and warnings", schema: applicationClocksSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  getWarningPolicy: route("GET /v1/centers/{centerId}/warning-policy", {
    handler: "get-warning-policy",
    auth: STAFF_ROLES,
    summary: "The center's warning thresholds (DOMAIN.md defaults unless the center set its own)",
    params: z.object({ centerId }),
    responses: {
      200: { description: "The thresholds and their version", schema: warningPolicySchema },
      ...commonErrors,
    },
  }),
  setWarningPolicy: route("PUT /v1/centers/{centerId}/warning-policy", {
    handler: "set-warning-policy",
    auth: ["admin"],
    summary: "Set the center's warning thresholds; clocks started from now on use them",
    params: z.object({ centerId }),
    body: z.object({
      reminderShare: share,
      yellowShare: share,
      yellowWorkingDaysLeft: z.number().min(0).max(10),
      /** The version read, to refuse a change made meanwhile (409). */
      version: z.number().int().min(0).optional(),
    }),
    responses: {
      200: { description: "The thresholds", schema: warningPolicySchema },
      ...commonErrors,
      ...conflict,
      ...unprocessable,
    },
  }),
};

export const schedules: ScheduleDefinition[] = [
  {
    name: "clock-sweep",
    handler: "sweep-clocks",
    schedule: { rate: "1 minute" },
    description:
      "Raise the tiered warnings and expiries of the clocks due now, reading only those (the due index)",
  },
];
