import document from "../../../docs/openapi.json" with { type: "json" };
import { httpHandlerFactory } from "../handler.ts";
import { platformRoutes } from "../platform.ts";
import { ok } from "../responses.ts";

/** Serves the document `npm run docs` generates from the manifest (a test keeps it current). */
export const handler = httpHandlerFactory({ deps: {} })(platformRoutes.openapi, async () =>
  ok(document, { "cache-control": "public, max-age=300" }),
);
