import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listTasks } from "../use-cases/tasks.use-case.ts";

export const handler = reviewHttp(routes.listTasks, async ({ query, principal, correlationId }, ports) =>
  ok(await listTasks(query, { principal, correlationId }, ports)),
);
