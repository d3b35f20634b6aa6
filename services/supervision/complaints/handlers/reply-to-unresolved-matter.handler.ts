import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { matterRoutes } from "../matter-routes.ts";
import { replyToMatter } from "../use-cases/unresolved-matters.use-case.ts";

export const handler = complaintsHttp(
  matterRoutes.replyToUnresolvedMatter,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await replyToMatter(params.matterId, body, { principal, correlationId }, ports)),
);
