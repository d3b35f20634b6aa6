import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listWarnings } from "../use-cases/read-clocks.use-case.ts";

export const handler = supervisionHttp(routes.listWarnings, async ({ query, principal }, ports) =>
  ok(await listWarnings(query, principal, ports)),
);
