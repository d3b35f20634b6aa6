import { created } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { addClosure } from "../use-cases/closures.use-case.ts";

export const handler = catalogHttp(
  routes.addClosure,
  async ({ params, body, principal, correlationId }, ports) => {
    const closure = await addClosure(params.centerId, body, { principal, correlationId }, ports);
    return created(closure, `/v1/centers/${params.centerId}/closures/${closure.date}`);
  },
);
