import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { claim } from "../use-cases/tasks.use-case.ts";

export const handler = reviewHttp(routes.claimTask, async ({ params, principal, correlationId }, ports) =>
  ok(await claim(params.applicationId, { principal, correlationId }, ports)),
);
