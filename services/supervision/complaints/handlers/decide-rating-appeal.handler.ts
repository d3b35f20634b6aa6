import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { decideRatingAppeal } from "../use-cases/ratings.use-case.ts";

export const handler = complaintsHttp(
  ratingRoutes.decideRatingAppeal,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await decideRatingAppeal(params.ratingId, body, { principal, correlationId }, ports)),
);
