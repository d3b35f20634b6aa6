import { created } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { publishGuide } from "../use-cases/publish-guide.use-case.ts";

export const handler = catalogHttp(
  routes.publishGuide,
  async ({ params, body, principal, correlationId }, ports) => {
    const guide = await publishGuide(params.itemId, body, { principal, correlationId }, ports);
    return created(guide, `/v1/items/${guide.itemId}?version=${guide.version}`);
  },
);
