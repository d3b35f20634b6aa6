import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { ratingRoutes } from "../rating-routes.ts";
import { listRectifications } from "../use-cases/ratings.use-case.ts";

export const handler = complaintsHttp(ratingRoutes.listRectifications, async ({ query, principal }, ports) =>
  ok(await listRectifications(query, principal, ports)),
);
