import * as z from "zod";
import { commonErrors, idSchema, monthSchema } from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";
import { TICKET_SERVICES } from "#services/intake/contract/queue-values.ts";
import { centerMetricsSchema, monthlyIndicatorsSchema, staffingSchema } from "./metrics.schema.ts";

const date = z.iso.date();
const params = z.object({ centerId: idSchema("ctr") });
const targetMinutes = z.coerce.number().int().min(1).max(240).optional();

export const metricsRoutes = {
  indicators: route("GET /v1/reports/indicators", {
    handler: "get-monthly-indicators",
    auth: ["admin", "supervisor"],
    summary:
      "A center's monthly quality-and-efficiency indicators (art. 54), for the center and each department, as JSON, or CSV with `format=csv` (docs/indicators.md)",
    query: z.object({
      centerId: idSchema("ctr").optional(),
      month: monthSchema,
      format: z.enum(["json", "csv"]).optional(),
    }),
    responses: {
      200: {
        description: "The indicators (application/json, or text/csv with `format=csv`)",
        schema: monthlyIndicatorsSchema,
        alternatives: {
          "text/csv": z.string().meta({ description: "One row for the center, one per department" }),
        },
      },
      ...commonErrors,
    },
  }),
  centerMetrics: route("GET /v1/metrics/centers/{centerId}", {
    handler: "get-center-metrics",
    auth: ["admin", "supervisor"],
    summary:
      "Foot traffic, waiting time p50/p90/max, service time, service level, no-shows, appointment mix and window utilization by hour or day and queue (art. 13)",
    params,
    query: z.object({
      from: date,
      to: date,
      by: z.enum(["hour", "day"]).default("hour"),
      /** One queue (the ticket's service, served by the windows of its type). */
      queue: z.enum(TICKET_SERVICES).optional(),
      /** The service level's target wait (minutes); the center's policy by default. */
      targetMinutes,
    }),
    responses: {
      200: { description: "Totals and one row per period and queue", schema: centerMetricsSchema },
      ...commonErrors,
    },
  }),
  staffing: route("GET /v1/centers/{centerId}/staffing", {
    handler: "get-staffing",
    auth: ["admin", "supervisor"],
    summary:
      "Windows needed per queue and hour (Erlang C) to call the goal share within the target wait, beside the windows that served (art. 13; docs/staffing.md)",
    params,
    query: z.object({
      date,
      targetMinutes,
      goal: z.coerce.number().gt(0).lt(1).optional(),
    }),
    responses: {
      200: { description: "One row per hour and queue with the options", schema: staffingSchema },
      ...commonErrors,
    },
  }),
};
