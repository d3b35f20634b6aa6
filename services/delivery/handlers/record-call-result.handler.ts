import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { recordCallResult } from "../use-cases/read-notifications.use-case.ts";

export const handler = deliveryHttp(
  routes.recordCallResult,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await recordCallResult(params.notificationId, body, { principal, correlationId }, ports)),
);
