import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { calendarYears } from "#shared/aws/calendar-years.ts";
import { eventMarks } from "#shared/events/event-marks.ts";
import { factStore } from "./fact-store.ts";
import { clockStore } from "./clock-store.ts";
import { directoryStore } from "./directory-store.ts";
import { metricsStore } from "./metrics-store.ts";
import { inspectionStore } from "./inspection-store.ts";

export const monitoringEnv = parseEnv(
  z.object({
    [tableEnv("monitoring")]: z.string().min(1),
    /** Working days to accept or send a correction notice (行政许可法 art. 32; DOMAIN.md). Same variable as intake's. */
    ACCEPTANCE_WINDOW_DAYS: policyNumber(5),
    /** Working days from the decision to the result in the applicant's hands (行政许可法 art. 44). */
    DELIVERY_LIMIT_DAYS: policyNumber(10),
    /** Partitions of the due index: the sweep reads them in parallel, so no hot partition limits it. */
    DUE_INDEX_SHARDS: policyNumber(4),
    /** Clocks one sweep run handles at most; the rest stay due for the next minute. */
    SWEEP_MAX_CLOCKS: policyNumber(2000),
    /** The service level: the share of applicants called within this wait (minutes), and the share aimed for. */
    SERVICE_LEVEL_TARGET_MINUTES: policyNumber(15),
    SERVICE_LEVEL_GOAL: z.coerce.number().gt(0).lt(1).default(0.8),
  }),
);

const table = monitoringEnv.MONITORING_TABLE;

/** Monitoring's ports, built once per process. */
export const monitoringPorts = {
  /** The working calendar on the holiday schedules this service projected (calendar.year-published). */
  calendar: calendarYears(table),
  clocks: clockStore(table, monitoringEnv.DUE_INDEX_SHARDS),
  directory: directoryStore(table),
  inspections: inspectionStore(table),
  facts: factStore(table),
  metrics: metricsStore(table),
  marks: eventMarks(table),
  clock,
  ids: ulidIds(clock),
  policy: {
    acceptanceWindowDays: monitoringEnv.ACCEPTANCE_WINDOW_DAYS,
    deliveryLimitDays: monitoringEnv.DELIVERY_LIMIT_DAYS,
    sweepMaxClocks: monitoringEnv.SWEEP_MAX_CLOCKS,
  },
  queuePolicy: {
    targetWaitMinutes: monitoringEnv.SERVICE_LEVEL_TARGET_MINUTES,
    serviceLevelGoal: monitoringEnv.SERVICE_LEVEL_GOAL,
  },
};
export type MonitoringPorts = typeof monitoringPorts;
