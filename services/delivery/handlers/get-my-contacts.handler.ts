import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { myContacts } from "../use-cases/contacts.use-case.ts";

export const handler = deliveryHttp(routes.getMyContacts, async ({ principal }, ports) =>
  ok(await myContacts(principal, ports)),
);
