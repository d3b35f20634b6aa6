import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { matterRoutes } from "../matter-routes.ts";
import { listUnresolvedMatters } from "../use-cases/unresolved-matters.use-case.ts";

export const handler = complaintsHttp(
  matterRoutes.listUnresolvedMatters,
  async ({ query, principal }, ports) => ok(await listUnresolvedMatters(query, principal, ports)),
);
