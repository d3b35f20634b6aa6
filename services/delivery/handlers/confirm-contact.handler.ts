import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { confirmContact } from "../use-cases/contacts.use-case.ts";

export const handler = deliveryHttp(routes.confirmContact, async ({ body, principal }, ports) =>
  ok(await confirmContact(body, principal, ports)),
);
