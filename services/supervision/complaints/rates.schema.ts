import * as z from "zod";
import { dateTimeString } from "#shared/http/schemas.ts";
import {
  ratingRatesSchema,
  rectificationRatesSchema,
  workOrderRatesSchema,
} from "./contract/rates.schema.ts";

/** The answer of `GET /v1/supervision/rates` (art. 52–54, docs/rates.md). */
const rateBlock = {
  workOrders: workOrderRatesSchema,
  ratings: ratingRatesSchema,
  rectifications: rectificationRatesSchema,
};
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
