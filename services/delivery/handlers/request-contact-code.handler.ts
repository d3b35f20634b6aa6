import { accepted } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { requestContactCode } from "../use-cases/contacts.use-case.ts";

export const handler = deliveryHttp(routes.requestContactCode, async ({ body, principal }, ports) =>
  accepted(await requestContactCode(body, principal, ports)),
);
