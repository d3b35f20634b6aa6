import * as z from "zod";
import { dateTimeString } from "#shared/http/schemas.ts";
import { TICKET_SERVICES } from "#services/intake/contract/queue-values.ts";
import { LEVELS, STAGES } from "./domain/clock.ts";
import {
  ratingRatesSchema as ratingRates,
  ratioSchema,
  rectificationRatesSchema as rectificationRates,
  workOrderRatesSchema as workOrderRates,
} from "#services/supervision/complaints/contract/rates.schema.ts";

/**
 * The answers of the figures (issue 16): monthly indicators (art. 54, docs/indicators.md, with the rates as complaints
 * publishes their shape), queue metrics and staffing (art. 13, docs/staffing.md). A figure with no denominator is null.
 */
const nullableNumber = z.number().nullable();

const byLevel = z.object(Object.fromEntries(LEVELS.map((l) => [l, z.number().int()])));
const scopeIndicators = {
  cases: z.object({
    completed: z.number().int(),
    onTime: ratioSchema,
    overdue: z.number().int(),
    overdueCases: z.number().int(),
  }),
  decisions: z.object({ count: z.number().int(), averageWorkingDays: nullableNumber }),
  acceptance: z.object({
    accepted: z.number().int(),
    tolerant: z.number().int(),
    correction: z.number().int(),
    rejected: z.number().int(),
    deemed: z.number().int(),
    decided: z.number().int(),
    correctionRate: ratioSchema,
  }),
  warnings: z.object({ byLevel, byStage: z.partialRecord(z.enum(STAGES), byLevel) }),
  ratings: ratingRates,
  rectifications: rectificationRates,
  hotline: workOrderRates,
};

/** What a reader sees of a queue bucket or of merged buckets (queue-metrics.ts `summarize`). */
const queueFigures = z
  .object({
    arrivals: z.number().int(),
    appointments: z.number().int(),
    walkIns: z.number().int(),
    appointmentShare: nullableNumber,
    waiting: z.object({
      count: z.number().int(),
      meanMinutes: nullableNumber,
      p50Minutes: nullableNumber,
      p90Minutes: nullableNumber,
      maxMinutes: nullableNumber,
    }),
    serviceLevel: nullableNumber,
    service: z.object({
      count: z.number().int(),
      meanMinutes: nullableNumber,
      p50Minutes: nullableNumber,
      p90Minutes: nullableNumber,
    }),
    noShows: z.number().int(),
    windows: z.number().int(),
    utilization: nullableNumber,
  })
  .meta({ id: "QueueFigures" });

export const monthlyIndicatorsSchema = z
  .object({
    centerId: z.string(),
    month: z.string(),
    asOf: dateTimeString,
    center: z.object({
      ...scopeIndicators,
      appointments: z.object({
        kept: z.number().int(),
        missed: z.number().int(),
        noShowRate: nullableNumber,
      }),
      queue: z.object({
        arrivals: z.number().int(),
        waiting: queueFigures.shape.waiting,
        serviceLevel: nullableNumber,
        noShows: z.number().int(),
      }),
    }),
    departments: z.array(z.object({ departmentId: z.string(), ...scopeIndicators })),
  })
  .meta({ id: "MonthlyIndicators" });

export const centerMetricsSchema = z
  .object({
    centerId: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    by: z.enum(["hour", "day"]),
    targetMinutes: z.number(),
    total: queueFigures,
    rows: z.array(z.object({ period: z.string(), queue: z.enum(TICKET_SERVICES), ...queueFigures.shape })),
  })
  .meta({ id: "CenterMetrics" });

export const staffingSchema = z
  .object({
    centerId: z.string(),
    date: z.iso.date(),
    targetMinutes: z.number(),
    serviceLevelGoal: z.number(),
    rows: z.array(
      z.object({
        hour: z.number().int(),
        queue: z.enum(TICKET_SERVICES),
        arrivalsPerHour: z.number().int(),
        meanServiceMinutes: nullableNumber,
        windowsOpen: z.number().int(),
        windowsRecommended: nullableNumber,
        difference: nullableNumber,
        options: z.array(
          z.object({
            windows: z.number().int(),
            waitProbability: z.number(),
            expectedWaitMinutes: nullableNumber,
            serviceLevel: z.number(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "Staffing" });
