import * as z from "zod";
import { CALENDAR_SOURCES } from "#shared/calendar/holiday-schedule.ts";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import { LEVELS, STAGES } from "./domain/clock.ts";

/** The answers about full-process clocks and tiered warnings (art. 21; issue 16), described once. */
const datetime = dateTimeString;
const level = z.enum(LEVELS);
const stage = z.enum(STAGES);
const policyFields = {
  reminderShare: z.number(),
  yellowShare: z.number(),
  yellowWorkingDaysLeft: z.number(),
};

export const warningSchema = z
  .object({
    id: z.string(),
    clockId: z.string(),
    subjectId: z.string(),
    stage,
    round: z.number().int(),
    level,
    centerId: z.string(),
    departmentId: z.string().optional(),
    itemId: z.string().optional(),
    ownerId: z.string().optional(),
    reachedAt: datetime,
    raisedAt: datetime,
    dueAt: datetime,
    /** The staff warned; left out of the applicant's view of their own case. */
    recipients: z.array(z.string()).optional(),
    handler: z.string().optional().meta({ description: "The stage's handler when the warning was raised" }),
    state: z.enum(["open", "superseded", "cleared"]),
    closedAt: datetime.optional(),
  })
  .meta({ id: "Warning" });

export const warningPageSchema = pageOf(warningSchema, "WarningPage");

const levelCounts = { red: z.number().int(), yellow: z.number().int(), reminder: z.number().int() };

/** Warnings across the centers of a supervisor's scope: each center's counts, and the most urgent warnings first. */
export const crossCenterWarningsSchema = z
  .object({
    asOf: datetime,
    centers: z.array(z.object({ centerId: z.string(), name: z.string(), ...levelCounts })),
    total: z.object(levelCounts),
    items: z.array(warningSchema.extend({ centerName: z.string() })),
    truncated: z
      .boolean()
      .meta({ description: "More open warnings match than `limit`: narrow by level or stage" }),
  })
  .meta({ id: "CrossCenterWarnings" });

const limitSchema = z.discriminatedUnion("unit", [
  z.object({ unit: z.literal("workingDays"), amount: z.number() }),
  z.object({ unit: z.literal("hours"), amount: z.number() }),
  z.object({ unit: z.literal("calendarDays"), amount: z.number() }),
  z.object({ unit: z.literal("until"), dueAt: datetime }),
]);

/** A clock as a reader sees it: where it stands now (read-clocks.use-case.ts `clockView`). */
export const clockSchema = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    stage,
    round: z.number().int(),
    centerId: z.string(),
    departmentId: z.string().optional(),
    itemId: z.string().optional(),
    ownerId: z.string().optional(),
    limit: limitSchema,
    startedAt: datetime,
    pausedMillis: z.number(),
    pausedAt: datetime.optional(),
    pausedBy: z.string().optional(),
    state: z.enum(["running", "paused", "stopped"]),
    stoppedAt: datetime.optional(),
    outcome: z.string().optional(),
    dueAt: datetime.optional(),
    calendar: z.enum(CALENDAR_SOURCES).optional(),
    policy: z.object(policyFields),
    warns: z.boolean(),
    expiry: z.enum(["acceptanceWindow", "cureDeadline"]).optional(),
    expiredAt: datetime.optional(),
    raised: z.array(level),
    openWarning: z.object({ id: z.string(), level }).optional(),
    facts: z.object({
      materialsArrivedAt: datetime.optional(),
      missingMaterials: z.array(z.string()).optional(),
    }),
    updatedAt: datetime,
    /** When each level is reached, while the clock runs and warns. */
    warnAt: z.object({ reminder: datetime, yellow: datetime, red: datetime }).optional(),
    overdue: z.boolean(),
    elapsedWorkingDays: z.number().optional(),
    elapsedHours: z.number().optional(),
  })
  .meta({ id: "Clock" });

export const applicationClocksSchema = z
  .object({ applicationId: z.string(), clocks: z.array(clockSchema), warnings: z.array(warningSchema) })
  .meta({ id: "ApplicationClocks" });

export const warningPolicySchema = z
  .object({ centerId: z.string(), ...policyFields, version: z.number().int() })
  .meta({ id: "WarningPolicy" });
