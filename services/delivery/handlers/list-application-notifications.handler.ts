import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listForApplication } from "../use-cases/read-notifications.use-case.ts";

export const handler = deliveryHttp(
  routes.listApplicationNotifications,
  async ({ params, query, principal, correlationId }, ports) =>
    ok(await listForApplication(params.applicationId, query, { principal, correlationId }, ports)),
);
