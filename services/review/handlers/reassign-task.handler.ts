import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { reassign } from "../use-cases/tasks.use-case.ts";

export const handler = reviewHttp(
  routes.reassignTask,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await reassign(params.applicationId, body, { principal, correlationId }, ports)),
);
