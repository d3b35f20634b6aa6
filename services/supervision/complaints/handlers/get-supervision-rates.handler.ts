import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { supervisionRates } from "../use-cases/rates.use-case.ts";

export const handler = complaintsHttp(ratingRoutes.rates, async ({ query, principal }, ports) =>
  ok(await supervisionRates(query, principal, ports)),
);
