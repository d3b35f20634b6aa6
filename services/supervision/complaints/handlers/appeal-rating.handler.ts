import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { appealRating } from "../use-cases/ratings.use-case.ts";

export const handler = complaintsHttp(
  ratingRoutes.appealRating,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await appealRating(params.ratingId, body, { principal, correlationId }, ports)),
);
