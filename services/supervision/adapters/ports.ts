import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { calendarYears } from "#shared/aws/calendar-years.ts";
import { eventMarks } from "./event-marks.ts";
import { factStore } from "./fact-store.ts";
import { clockStore } from "./clock-store.ts";
import { directoryStore } from "./directory-store.ts";
import { hotlineClient } from "./hotline-client.ts";
import { metricsStore } from "./metrics-store.ts";
import { ratingStore } from "./rating-store.ts";
import { workOrderStore } from "./work-order-store.ts";
import { DEFAULT_RATING_POLICY } from "../domain/rating.ts";
import { DEFAULT_HOTLINE_POLICY } from "../domain/work-order.ts";
import { inspectionStore } from "./inspection-store.ts";

export const supervisionEnv = parseEnv(
  z.object({
    [tableEnv("supervision")]: z.string().min(1),
    /** Working days to accept or send a correction notice (行政许可法 art. 32; DOMAIN.md). Same variable as intake's. */
    ACCEPTANCE_WINDOW_DAYS: policyNumber(5),
    /** Working days from the decision to the result in the applicant's hands (行政许可法 art. 44). */
    DELIVERY_LIMIT_DAYS: policyNumber(10),
    /** Partitions of the due index: the sweep reads them in parallel, so no hot partition limits it. */
    DUE_INDEX_SHARDS: policyNumber(4),
    /** Clocks one sweep run handles at most; the rest stay due for the next minute. */
    SWEEP_MAX_CLOCKS: policyNumber(2000),
    /** 12345 reply limits (DOMAIN.md, configurable): emergency and utilities in hours, general and complex in days. */
    HOTLINE_EMERGENCY_HOURS: policyNumber(DEFAULT_HOTLINE_POLICY.emergencyHours),
    HOTLINE_UTILITIES_HOURS: policyNumber(DEFAULT_HOTLINE_POLICY.utilitiesHours),
    HOTLINE_GENERAL_DAYS: policyNumber(DEFAULT_HOTLINE_POLICY.generalDays),
    HOTLINE_COMPLEX_DAYS: policyNumber(DEFAULT_HOTLINE_POLICY.complexDays),
    /** Hours to reach the caller after receipt — the response rate (响应率) counts it. */
    HOTLINE_CONTACT_HOURS: policyNumber(DEFAULT_HOTLINE_POLICY.contactHours),
    /** Days after a service in which it can still be rated (DOMAIN.md: 15), and to rectify a 差评 (Beijing: 7). */
    RATING_PERIOD_DAYS: policyNumber(DEFAULT_RATING_POLICY.ratingPeriodDays),
    /** Working days after a 差评 in which it may be appealed (art. 52; Beijing practice). */
    RATING_APPEAL_WORKING_DAYS: policyNumber(DEFAULT_RATING_POLICY.appealWorkingDays),
    RECTIFICATION_DAYS: policyNumber(DEFAULT_RATING_POLICY.rectificationDays),
    /** The service level: the share of applicants called within this wait (minutes), and the share aimed for. */
    SERVICE_LEVEL_TARGET_MINUTES: policyNumber(15),
    SERVICE_LEVEL_GOAL: z.coerce.number().gt(0).lt(1).default(0.8),
  }),
);

const table = supervisionEnv.SUPERVISION_TABLE;

/** Supervision's ports, built once per process. */
export const supervisionPorts = {
  /** The working calendar on the holiday schedules this service projected (calendar.year-published). */
  calendar: calendarYears(table),
  clocks: clockStore(table, supervisionEnv.DUE_INDEX_SHARDS),
  directory: directoryStore(table),
  inspections: inspectionStore(table),
  workOrders: workOrderStore(table),
  ratings: ratingStore(table),
  facts: factStore(table),
  metrics: metricsStore(table),
  hotline: hotlineClient(),
  marks: eventMarks(table),
  clock,
  ids: ulidIds(clock),
  policy: {
    acceptanceWindowDays: supervisionEnv.ACCEPTANCE_WINDOW_DAYS,
    deliveryLimitDays: supervisionEnv.DELIVERY_LIMIT_DAYS,
    sweepMaxClocks: supervisionEnv.SWEEP_MAX_CLOCKS,
  },
  queuePolicy: {
    targetWaitMinutes: supervisionEnv.SERVICE_LEVEL_TARGET_MINUTES,
    serviceLevelGoal: supervisionEnv.SERVICE_LEVEL_GOAL,
  },
  ratingPolicy: {
    ratingPeriodDays: supervisionEnv.RATING_PERIOD_DAYS,
    rectificationDays: supervisionEnv.RECTIFICATION_DAYS,
    appealWorkingDays: supervisionEnv.RATING_APPEAL_WORKING_DAYS,
  },
  hotlinePolicy: {
    emergencyHours: supervisionEnv.HOTLINE_EMERGENCY_HOURS,
    utilitiesHours: supervisionEnv.HOTLINE_UTILITIES_HOURS,
    generalDays: supervisionEnv.HOTLINE_GENERAL_DAYS,
    complexDays: supervisionEnv.HOTLINE_COMPLEX_DAYS,
    contactHours: supervisionEnv.HOTLINE_CONTACT_HOURS,
  },
};
export type SupervisionPorts = typeof supervisionPorts;
