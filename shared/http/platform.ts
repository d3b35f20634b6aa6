import * as z from "zod";
import { route, type RouteDefinition } from "../manifest/types.ts";

/** Routes served by shared code rather than one service. */
export const platformRoutes = {
  health: route("GET /v1/health", {
    handler: "health",
    auth: "public",
    summary: "Liveness",
    responses: { 200: { description: "Up", schema: z.object({ status: z.literal("ok") }) } },
  }),
  openapi: route("GET /v1/openapi.json", {
    handler: "openapi",
    auth: "public",
    summary: "This API's OpenAPI 3.1 document, generated from the same zod schemas that validate requests",
    responses: {
      200: {
        description: "The OpenAPI document",
        // Described by the OpenAPI 3.1 specification itself, not repeated here.
        schema: z
          .object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }).loose() })
          .loose()
          .meta({ id: "OpenApiDocument", externalDocs: { url: "https://spec.openapis.org/oas/v3.1.0" } }),
      },
    },
  }),
};

/** Everything no route matches (API Gateway's `$default` route): a problem+json 404, never the gateway's own body. */
export const fallbackRoute: RouteDefinition<undefined, undefined, undefined> = {
  ...route("GET /{proxy+}", {
    handler: "not-found",
    auth: "public",
    summary: "No such route",
    responses: {},
  }),
  idempotent: false,
};
