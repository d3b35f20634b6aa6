import document from "../../../docs/openapi.json" with { type: "json" };
import { platformHttp } from "../chain.ts";
import { platformRoutes } from "../platform.ts";
import { ok } from "../responses.ts";

/** Serves the document `npm run docs` generates from the manifest (a test keeps it current). */
export const handler = platformHttp(platformRoutes.openapi, async () =>
  ok(document, { "cache-control": "public, max-age=300" }),
);
