import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { recordRatingVerification } from "../use-cases/ratings.use-case.ts";

/** The 12345 system's verification of a real-name 差评: the signature was checked by the chain; recorded once. */
export const handler = complaintsHttp(
  ratingRoutes.receiveRatingVerification,
  async ({ params, body, correlationId }, ports) =>
    ok(await recordRatingVerification(params.ratingId, body, correlationId, ports)),
);
