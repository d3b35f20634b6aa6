import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getOneTimeNotice } from "../use-cases/get-one-time-notice.use-case.ts";

export const handler = intakeHttp(routes.getOneTimeNotice, async ({ params, query }, ports) =>
  ok(await getOneTimeNotice(params.itemId, query.centerId, query.lang, ports)),
);
