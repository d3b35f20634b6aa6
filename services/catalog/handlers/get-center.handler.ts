import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getCenter } from "../use-cases/get-center.use-case.ts";

export const handler = catalogHttp(routes.getCenter, async ({ params }, ports) =>
  ok(await getCenter(params.centerId, ports)),
);
