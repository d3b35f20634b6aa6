import { created } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { matterRoutes } from "../matter-routes.ts";
import { recordMatterMeeting } from "../use-cases/unresolved-matters.use-case.ts";

export const handler = complaintsHttp(
  matterRoutes.recordUnresolvedMatterMeeting,
  async ({ params, body, principal, correlationId }, ports) => {
    const result = await recordMatterMeeting(params.matterId, body, { principal, correlationId }, ports);
    return created(result, `/v1/unresolved-matters/${params.matterId}`);
  },
);
