import { ok } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { listFlaggedContacts } from "../use-cases/contacts-and-documents.use-case.ts";

export const handler = reviewHttp(
  routes.listFlaggedContacts,
  async ({ params, query, principal, correlationId }, ports) =>
    ok(await listFlaggedContacts(params.centerId, query, { principal, correlationId }, ports)),
);
