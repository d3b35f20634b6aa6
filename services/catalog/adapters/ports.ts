import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { httpHandlerFactory } from "#shared/http/handler.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { parseRanges } from "../domain/hours.ts";
import { centerStore } from "./center-store.ts";
import { departmentStore } from "./department-store.ts";
import { itemStore } from "./item-store.ts";
import { staffStore } from "./staff-store.ts";
import { calendarStore } from "./calendar-store.ts";

export const catalogEnv = parseEnv(
  z.object({
    [tableEnv("catalog")]: z.string().min(1),
    /** Warn when the holiday calendar covers fewer days ahead than this (policy, configurable). */
    CALENDAR_COVERAGE_MIN_DAYS: policyNumber(60),
    /** The legal working hours every center serves in full unless adjusted under art. 10 (policy, configurable). */
    LEGAL_WORKING_HOURS: z.string().default("09:00-12:00,13:30-17:00").transform(parseRanges),
  }),
);

const table = catalogEnv.CATALOG_TABLE;

/** The catalog's ports, built once per process. */
export const catalogPorts = {
  centers: centerStore(table),
  departments: departmentStore(table),
  items: itemStore(table),
  staff: staffStore(table),
  calendar: calendarStore(table),
  clock,
  ids: ulidIds(clock),
  policy: {
    calendarCoverageMinDays: catalogEnv.CALENDAR_COVERAGE_MIN_DAYS,
    legalWorkingHours: catalogEnv.LEGAL_WORKING_HOURS,
  },
};
export type CatalogPorts = typeof catalogPorts;

export const catalogHttp = httpHandlerFactory({ deps: catalogPorts, tableName: table });
