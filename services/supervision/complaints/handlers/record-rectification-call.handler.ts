import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { recordRectificationCall } from "../use-cases/ratings.use-case.ts";

export const handler = complaintsHttp(
  ratingRoutes.recordRectificationCall,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await recordRectificationCall(params.rectificationId, body, { principal, correlationId }, ports)),
);
