import * as z from "zod";
import { dateTimeString, pageOf } from "#shared/http/schemas.ts";
import { centerInputSchema } from "./domain/center.ts";
import { departmentInputSchema } from "./domain/department.ts";
import { dateOpeningSchema } from "./domain/hours.ts";
import { stationInputSchema } from "./domain/station.ts";
import { windowInputSchema } from "./domain/window.ts";

/**
 * The answers about centers and what they hold (issue 16), described once for the contract and its test: each is the
 * stored input's schema plus what the system adds (ids, times, versions).
 */
const datetime = dateTimeString;

export const centerSchema = centerInputSchema
  .safeExtend({
    id: z.string(),
    ancestorIds: z.array(z.string()),
    createdAt: datetime,
    updatedAt: datetime,
    version: z.number().int(),
  })
  .meta({ id: "Center" });

export const departmentSchema = departmentInputSchema
  .safeExtend({
    id: z.string(),
    centerId: z.string(),
    chiefRepresentativeId: z.string().optional(),
    stationedOn: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "Department" });

export const windowSchema = windowInputSchema
  .safeExtend({ id: z.string(), centerId: z.string(), updatedAt: datetime, version: z.number().int() })
  .meta({ id: "ServiceWindow" });

export const stationSchema = stationInputSchema
  .safeExtend({ id: z.string(), centerId: z.string(), createdAt: datetime })
  .meta({ id: "Station" });

export const centerDetailSchema = centerSchema
  .safeExtend({
    departments: z.array(departmentSchema),
    windows: z.array(windowSchema),
    stations: z.array(stationSchema),
    openings: z.array(dateOpeningSchema).meta({ description: "Rest days it opens, from today on" }),
  })
  .meta({ id: "CenterDetail" });

export const centerPageSchema = pageOf(centerSchema, "CenterPage");

/** A day a center closes (a closure of its own; the day stays a working day for deadlines). */
export const closureSchema = z
  .object({ centerId: z.string(), date: z.string().meta({ format: "date" }), reason: z.string() })
  .meta({ id: "Closure" });

/** A rest day a center opens, with its hours and what it offers. */
export const openingSchema = dateOpeningSchema.safeExtend({ centerId: z.string() }).meta({ id: "Opening" });
