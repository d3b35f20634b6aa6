import * as z from "zod";
import { ValidationError } from "#shared/errors.ts";
import { phoneSchema } from "./center.ts";
import { serviceHoursSchema } from "./hours.ts";

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

export interface Station extends StationInput {
  id: string;
  centerId: string;
  createdAt: string;
}

/** Stations hang off a subdistrict or township center. */
export function assertStationParent(center: { level: string; kind: string }): void {
  if (!["subdistrict", "township"].includes(center.level) || center.kind !== "comprehensive") {
    throw new ValidationError([
      {
        path: ["path", "centerId"],
        message: "Stations belong to a comprehensive subdistrict or township center.",
      },
    ]);
  }
}
