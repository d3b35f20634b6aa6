import { created } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { submitRating } from "../use-cases/ratings.use-case.ts";

export const handler = complaintsHttp(
  ratingRoutes.submitRating,
  async ({ body, principal, correlationId }, ports) => {
    const result = await submitRating(body, { principal, correlationId }, ports);
    return created(result, `/v1/evaluations/${result.rating.id}`);
  },
);
