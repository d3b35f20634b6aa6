import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { DEFAULT_REACH_POLICY } from "../domain/calendar-coverage.ts";
import { parseRanges } from "../domain/hours.ts";
import { centerStore } from "./center-store.ts";
import { departmentStore } from "./department-store.ts";
import { itemStore } from "./item-store.ts";
import { staffStore } from "./staff-store.ts";
import { calendarStore } from "./calendar-store.ts";
import { complianceStore } from "./compliance-store.ts";

export const catalogEnv = parseEnv(
  z.object({
    [tableEnv("catalog")]: z.string().min(1),
    /**
     * How far a deadline set today can reach, besides the longest committed limit of the guides: the acceptance window,
     * the longest extension and the delivery days, in working days (行政许可法 art. 32, 42, 44; DOMAIN.md defaults).
     */
    ACCEPTANCE_WINDOW_DAYS: policyNumber(DEFAULT_REACH_POLICY.acceptanceWindowDays),
    LONGEST_EXTENSION_DAYS: policyNumber(DEFAULT_REACH_POLICY.longestExtensionDays),
    DELIVERY_LIMIT_DAYS: policyNumber(DEFAULT_REACH_POLICY.deliveryDays),
    /** The legal working hours every center serves in full unless adjusted under art. 10 (policy, configurable). */
    LEGAL_WORKING_HOURS: z.string().default("09:00-12:00,13:30-17:00").transform(parseRanges),
    /** A new window clerk's internship under an experienced colleague, in months (art. 49; DOMAIN.md: 2). */
    CLERK_INTERNSHIP_MONTHS: policyNumber(2).pipe(z.number().int()),
    /** Resident staff's minimum continuous service in the center, in months (art. 43; DOMAIN.md: 2 years). */
    RESIDENT_MIN_SERVICE_MONTHS: policyNumber(24).pipe(z.number().int()),
    /**
     * Months in a key approval post before rotation is due (art. 46). DOMAIN.md names the rule but no period; the
     * default is the five years common in civil-service rotation of key posts (重要岗位任职满五年轮岗).
     */
    KEY_POST_ROTATION_MONTHS: policyNumber(60).pipe(z.number().int()),
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
  compliance: complianceStore(table),
  clock,
  ids: ulidIds(clock),
  policy: {
    calendarReach: {
      acceptanceWindowDays: catalogEnv.ACCEPTANCE_WINDOW_DAYS,
      longestExtensionDays: catalogEnv.LONGEST_EXTENSION_DAYS,
      deliveryDays: catalogEnv.DELIVERY_LIMIT_DAYS,
    },
    legalWorkingHours: catalogEnv.LEGAL_WORKING_HOURS,
    staffCompliance: {
      internshipMonths: catalogEnv.CLERK_INTERNSHIP_MONTHS,
      residentMinServiceMonths: catalogEnv.RESIDENT_MIN_SERVICE_MONTHS,
      keyPostRotationMonths: catalogEnv.KEY_POST_ROTATION_MONTHS,
    },
  },
};
export type CatalogPorts = typeof catalogPorts;
