import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { matterRoutes } from "../matter-routes.ts";
import { getUnresolvedMatter } from "../use-cases/unresolved-matters.use-case.ts";

export const handler = complaintsHttp(
  matterRoutes.getUnresolvedMatter,
  async ({ params, principal }, ports) => ok(await getUnresolvedMatter(params.matterId, principal, ports)),
);
