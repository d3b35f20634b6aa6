import * as z from "zod";
import { phoneSchema } from "./center-values.ts";
import { serviceHoursSchema } from "./hours-values.ts";

/**
 * A service station (art. 2, 8), as the catalog publishes it.
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

/** 政务服务站点 (art. 2, 8): in communities and villages, party-service centers, parks, malls and office buildings. */
export const STATION_KINDS = ["community", "village", "partyService", "park", "mall", "building"] as const;

export const stationInputSchema = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(STATION_KINDS),
  address: z.string().trim().min(4).max(200),
  phone: phoneSchema.optional(),
  hours: serviceHoursSchema.optional(),
});
export type StationInput = z.output<typeof stationInputSchema>;
