import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { httpHandlerFactory } from "#shared/http/handler.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { catalogStore } from "./catalog-store.ts";

export const catalogEnv = parseEnv(
  z.object({
    [tableEnv("catalog")]: z.string().min(1),
    /** Warn when the holiday calendar covers fewer days ahead than this (policy, configurable). */
    CALENDAR_COVERAGE_MIN_DAYS: policyNumber(60),
  }),
);
const env = catalogEnv;

/** The catalog's ports, built once per process. */
export const catalogPorts = {
  store: catalogStore(env.CATALOG_TABLE),
  clock,
  ids: ulidIds(clock),
  policy: { calendarCoverageMinDays: env.CALENDAR_COVERAGE_MIN_DAYS },
};
export type CatalogPorts = typeof catalogPorts;

export const catalogHttp = httpHandlerFactory({ deps: catalogPorts, tableName: env.CATALOG_TABLE });
