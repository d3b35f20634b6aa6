import { created } from "#shared/http/responses.ts";
import { reviewHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { recordContact } from "../use-cases/contacts-and-documents.use-case.ts";

export const handler = reviewHttp(
  routes.recordContact,
  async ({ params, body, principal, correlationId }, ports) => {
    const contact = await recordContact(params.applicationId, body, { principal, correlationId }, ports);
    return created(contact, `/v1/applications/${params.applicationId}/contacts`);
  },
);
