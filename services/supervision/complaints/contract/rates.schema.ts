import * as z from "zod";
import { RATING_LEVELS } from "./rating-values.ts";

/**
 * The shape of the rates `rates.ts` computes (art. 52–54, docs/rates.md), as complaints' rates answer and monitoring's
 * monthly indicators both show them (issue 22: one definition, published with the functions). A figure with no
 * denominator is null.
 */
const nullableNumber = z.number().nullable();

export const ratioSchema = z
  .object({ numerator: z.number().int(), denominator: z.number().int(), rate: nullableNumber })
  .meta({ id: "Ratio", description: "A rate with its counts; `rate` is null when nothing was counted" });

export const workOrderRatesSchema = z
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

export const ratingRatesSchema = z
  .object({
    total: z.number().int(),
    excluded: z.number().int(),
    distribution: z.object(Object.fromEntries(RATING_LEVELS.map((l) => [l, z.number().int()]))),
    satisfaction: ratioSchema,
    bad: z.number().int(),
  })
  .meta({ id: "RatingRates" });

export const rectificationRatesSchema = z
  .object({
    opened: z.number().int(),
    completed: z.number().int(),
    open: z.number().int(),
    cancelled: z.number().int(),
    onTime: ratioSchema,
  })
  .meta({ id: "RectificationRates" });
