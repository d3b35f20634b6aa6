import * as z from "zod";
import { dateTimeString } from "#shared/http/schemas.ts";
import { TICKET_SERVICES } from "#services/intake/contract/queue-values.ts";
import { LEVELS, STAGES } from "./domain/clock.ts";
import { RATING_LEVELS } from "./domain/rating.ts";

/**
 * The answers of the figures (issue 16): supervision rates (art. 52–54, docs/rates.md), monthly indicators (art. 54,
 * docs/indicators.md), queue metrics and staffing (art. 13, docs/staffing.md). A figure with no denominator is null.
 */
const nullableNumber = z.number().nullable();

export const ratioSchema = z
  .object({ numerator: z.number().int(), denominator: z.number().int(), rate: nullableNumber })
  .meta({ id: "Ratio", description: "A rate with its counts; `rate` is null when nothing was counted" });

const workOrderRates = z
  .object({
    received: z.number().int(),
    byOrigin: z.record(z.string(), z.number().int()),
    byKind: z.record(z.string(), z.number().int()),
    response: ratioSchema,
    onTimeReply: ratioSchema,
    resolution: ratioSchema,
    satisfaction: ratioSchema,
  })
  .meta({ id: "WorkOrderRates" });

const ratingRates = z
  .object({
    total: z.number().int(),
    excluded: z.number().int(),
    distribution: z.object(Object.fromEntries(RATING_LEVELS.map((l) => [l, z.number().int()]))),
    satisfaction: ratioSchema,
    bad: z.number().int(),
  })
  .meta({ id: "RatingRates" });

const rectificationRates = z
  .object({
    opened: z.number().int(),
    completed: z.number().int(),
    open: z.number().int(),
    cancelled: z.number().int(),
    onTime: ratioSchema,
  })
  .meta({ id: "RectificationRates" });

const rateBlock = { workOrders: workOrderRates, ratings: ratingRates, rectifications: rectificationRates };
const hotspot = z.array(z.object({ key: z.string(), count: z.number().int() }));
const hotspotsBy = z.object({ byItem: hotspot, byWindow: hotspot, byStaff: hotspot });

export const supervisionRatesSchema = z
  .object({
    centerId: z.string(),
    month: z.string(),
    asOf: dateTimeString,
    ...rateBlock,
    /** `center` stands for what no department is responsible for. */
    byDepartment: z.array(z.object({ departmentId: z.string(), ...rateBlock })),
    hotspots: z.object({ complaints: hotspotsBy, badRatings: hotspotsBy }),
  })
  .meta({ id: "SupervisionRates" });

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
