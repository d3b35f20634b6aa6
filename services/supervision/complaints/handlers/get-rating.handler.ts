import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { getRating } from "../use-cases/ratings.use-case.ts";

export const handler = complaintsHttp(ratingRoutes.getRating, async ({ params, principal }, ports) =>
  ok(await getRating(params.ratingId, principal, ports)),
);
