import { created } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { matterRoutes } from "../matter-routes.ts";
import { recordUnresolvedMatter } from "../use-cases/unresolved-matters.use-case.ts";

export const handler = complaintsHttp(
  matterRoutes.recordUnresolvedMatter,
  async ({ body, principal, correlationId }, ports) => {
    const matter = await recordUnresolvedMatter(body, { principal, correlationId }, ports);
    return created(matter, `/v1/unresolved-matters/${matter.id}`);
  },
);
