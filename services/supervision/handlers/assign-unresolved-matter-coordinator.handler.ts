import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { matterRoutes } from "../matter-routes.ts";
import { assignMatterCoordinator } from "../use-cases/unresolved-matters.use-case.ts";

export const handler = supervisionHttp(
  matterRoutes.assignUnresolvedMatterCoordinator,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await assignMatterCoordinator(params.matterId, body, { principal, correlationId }, ports)),
);
