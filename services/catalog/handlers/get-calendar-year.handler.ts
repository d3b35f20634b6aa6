import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getYear } from "../use-cases/calendar-years.use-case.ts";

export const handler = catalogHttp(routes.getCalendarYear, async ({ params }, ports) =>
  ok(await getYear(params.year, ports)),
);
