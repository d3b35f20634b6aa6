import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { resultLinks } from "../adapters/links.ts";
import { resultRoutes } from "../result-routes.ts";
import { chooseMethod } from "../use-cases/choose-result-method.use-case.ts";

export const handler = deliveryHttp(
  resultRoutes.chooseDeliveryMethod,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(
      await chooseMethod(
        params.applicationId,
        body,
        { principal, correlationId },
        { ...ports, links: resultLinks },
      ),
    ),
);
