import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { completeRectificationWith } from "../use-cases/ratings.use-case.ts";

export const handler = complaintsHttp(
  ratingRoutes.completeRectification,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await completeRectificationWith(params.rectificationId, body, { principal, correlationId }, ports)),
);
