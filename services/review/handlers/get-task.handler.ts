import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getTask } from "../use-cases/tasks.use-case.ts";

export const handler = reviewHttp(routes.getTask, async ({ params, principal, correlationId }, ports) =>
  ok(await getTask(params.applicationId, { principal, correlationId }, ports)),
);
