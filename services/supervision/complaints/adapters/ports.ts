import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { calendarYears } from "#shared/aws/calendar-years.ts";
import { directoryStore } from "./directory-store.ts";
import { eventMarks } from "#shared/events/event-marks.ts";
import { hotlineClient } from "./hotline-client.ts";
import { matterStore } from "./matter-store.ts";
import { ratingStore } from "./rating-store.ts";
import { workOrderStore } from "./work-order-store.ts";
import { DEFAULT_RATING_POLICY } from "../domain/rating.ts";
import { DEFAULT_HOTLINE_POLICY } from "../domain/work-order.ts";

export const complaintsEnv = parseEnv(
  z.object({
    [tableEnv("complaints")]: z.string().min(1),
    /** 12345 reply limits (DOMAIN.md, configurable): emergency and utilities in hours, general and complex in days. */
    HOTLINE_EMERGENCY_HOURS: policyNumber(DEFAULT_HOTLINE_POLICY.emergencyHours),
    HOTLINE_UTILITIES_HOURS: policyNumber(DEFAULT_HOTLINE_POLICY.utilitiesHours),
    HOTLINE_GENERAL_DAYS: policyNumber(DEFAULT_HOTLINE_POLICY.generalDays),
    HOTLINE_COMPLEX_DAYS: policyNumber(DEFAULT_HOTLINE_POLICY.complexDays),
    /** Hours to reach the caller after receipt — the response rate (响应率) counts it. */
    HOTLINE_CONTACT_HOURS: policyNumber(DEFAULT_HOTLINE_POLICY.contactHours),
    /** Days after a service in which it can still be rated (DOMAIN.md: 15), and to rectify a 差评 (Beijing: 7). */
    RATING_PERIOD_DAYS: policyNumber(DEFAULT_RATING_POLICY.ratingPeriodDays),
    /** Working days after a 差评 in which it may be appealed (art. 52; Beijing practice). */
    RATING_APPEAL_WORKING_DAYS: policyNumber(DEFAULT_RATING_POLICY.appealWorkingDays),
    RECTIFICATION_DAYS: policyNumber(DEFAULT_RATING_POLICY.rectificationDays),
  }),
);

const table = complaintsEnv.COMPLAINTS_TABLE;

/** Complaints' ports, built once per process. */
export const complaintsPorts = {
  /** The working calendar on the holiday schedules this service projected (calendar.year-published). */
  calendar: calendarYears(table),
  directory: directoryStore(table),
  matters: matterStore(table),
  workOrders: workOrderStore(table),
  ratings: ratingStore(table),
  hotline: hotlineClient(),
  marks: eventMarks(table),
  clock,
  ids: ulidIds(clock),
  ratingPolicy: {
    ratingPeriodDays: complaintsEnv.RATING_PERIOD_DAYS,
    rectificationDays: complaintsEnv.RECTIFICATION_DAYS,
    appealWorkingDays: complaintsEnv.RATING_APPEAL_WORKING_DAYS,
  },
  hotlinePolicy: {
    emergencyHours: complaintsEnv.HOTLINE_EMERGENCY_HOURS,
    utilitiesHours: complaintsEnv.HOTLINE_UTILITIES_HOURS,
    generalDays: complaintsEnv.HOTLINE_GENERAL_DAYS,
    complexDays: complaintsEnv.HOTLINE_COMPLEX_DAYS,
    contactHours: complaintsEnv.HOTLINE_CONTACT_HOURS,
  },
};
export type ComplaintsPorts = typeof complaintsPorts;
