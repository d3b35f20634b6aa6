import { created } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { registerItem } from "../use-cases/register-item.use-case.ts";

export const handler = catalogHttp(routes.registerItem, async ({ body, principal, correlationId }, ports) => {
  const item = await registerItem(body, { principal, correlationId }, ports);
  return created(item, `/v1/items/${item.id}`);
});
