import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { crossCenterWarnings } from "../use-cases/read-clocks.use-case.ts";

export const handler = supervisionHttp(routes.crossCenterWarnings, async ({ query, principal }, ports) =>
  ok(await crossCenterWarnings(query, principal, ports)),
);
