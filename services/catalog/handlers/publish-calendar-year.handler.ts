import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { publishYear } from "../use-cases/calendar-years.use-case.ts";

export const handler = catalogHttp(
  routes.publishCalendarYear,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await publishYear(params.year, body, { principal, correlationId }, ports)),
);
