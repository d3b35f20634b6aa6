import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listMine } from "../use-cases/read-notifications.use-case.ts";

export const handler = deliveryHttp(
  routes.listMyNotifications,
  async ({ query, principal, correlationId }, ports) =>
    ok(await listMine(query, { principal, correlationId }, ports)),
);
