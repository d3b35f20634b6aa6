import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { getRating } from "../use-cases/ratings.use-case.ts";

export const handler = supervisionHttp(ratingRoutes.getRating, async ({ params, principal }, ports) =>
  ok(await getRating(params.ratingId, principal, ports)),
);
