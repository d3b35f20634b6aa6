import { ValidationError } from "#shared/errors.ts";
import { type StationInput } from "../contract/station-values.ts";

export * from "../contract/station-values.ts";

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
