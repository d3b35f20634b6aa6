import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { readCalendarCoverage } from "../use-cases/check-calendar-coverage.use-case.ts";

export const handler = catalogHttp(routes.getCalendarCoverage, async (_input, ports) =>
  ok(await readCalendarCoverage(ports)),
);
