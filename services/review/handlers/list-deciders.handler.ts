import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listDeciders } from "../use-cases/tasks.use-case.ts";

export const handler = reviewHttp(routes.listDeciders, async ({ params, principal, correlationId }, ports) =>
  ok(await listDeciders(params.centerId, params.departmentId, { principal, correlationId }, ports)),
);
