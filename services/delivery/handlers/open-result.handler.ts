import { ok } from "#shared/http/responses.ts";
import { deliveryHttp } from "../adapters/http.ts";
import { resultLinks } from "../adapters/links.ts";
import { resultRoutes } from "../result-routes.ts";
import { openResultLink } from "../use-cases/open-result-link.use-case.ts";

/** The token travels in the URL: the answer is never cached and the URL is never sent on as a referrer. */
export const handler = deliveryHttp(resultRoutes.openResult, async ({ params, correlationId }, ports) =>
  ok(await openResultLink(params.token, correlationId, { ...ports, links: resultLinks }), {
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
  }),
);
