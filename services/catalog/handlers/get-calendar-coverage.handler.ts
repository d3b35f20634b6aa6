import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { coverageStatus } from "../domain/calendar-coverage.ts";
import { routes } from "../routes.ts";

export const handler = catalogHttp(routes.getCalendarCoverage, async (_input, { clock, policy }) =>
  ok(coverageStatus(clock.now(), policy.calendarCoverageMinDays)),
);
