import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { problemSchema } from "#shared/http/schemas.ts";
import type { RouteDefinition } from "#shared/manifest/types.ts";
import { model, type Model } from "./manifest.ts";

/**
 * The OpenAPI 3.1 document, generated from the manifest's routes and the same zod schemas that validate requests.
 * `npm run docs` writes docs/openapi.json; a test fails when that file is stale.
 */
export function openApiDocument(m: Model = model) {
  const paths: ZodOpenApiPathsObject = {};
  for (const { route } of m.routes) {
    const item = (paths[route.path] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    item[route.method.toLowerCase()] = operation(route);
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "GovService — Beijing government service centers (政务服务场所)",
      version: "0.1.0",
      description:
        "Catalog, intake, review, delivery and supervision of government service centers under Beijing's regulation. " +
        "Errors are RFC 9457 problem+json. Changing requests accept `Idempotency-Key`.",
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        // DESIGN.md "12345 webhook signing": HMAC-SHA256 over "<X-Hotline-Timestamp>.<raw body>", within 300 s.
        hotlineSignature: {
          type: "apiKey",
          in: "header",
          name: "X-Hotline-Signature",
          description:
            'sha256=<hex HMAC-SHA256(secret, "<X-Hotline-Timestamp>.<raw body>")>, with X-Hotline-Timestamp (unix seconds, within 300 s of now) and X-Hotline-Delivery.',
        },
      },
    },
  });
}

function operation(route: RouteDefinition): ZodOpenApiOperationObject {
  const roles = route.signedBy
    ? `Signed by the ${route.signedBy} system (no token).`
    : route.auth === "public"
      ? "Public."
      : `Roles: ${route.auth.join(", ")}.`;
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const type = Number(status) >= 400 ? "application/problem+json" : "application/json";
    responses[status] = {
      description: spec.description,
      ...(spec.schema || Number(status) >= 400
        ? { content: { [type]: { schema: spec.schema ?? problemSchema } } }
        : {}),
    };
  }
  return {
    operationId: route.handler.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
    summary: route.summary,
    description: [route.description, roles].filter(Boolean).join("\n\n"),
    ...(route.signedBy
      ? { security: [{ hotlineSignature: [] }] }
      : route.auth === "public"
        ? {}
        : { security: [{ bearer: [] }] }),
    ...(route.params || route.query
      ? {
          requestParams: {
            ...(route.params ? { path: route.params as never } : {}),
            ...(route.query ? { query: route.query as never } : {}),
          },
        }
      : {}),
    ...(route.idempotent
      ? {
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description:
                "Retry safely: the same key and request return the first response; another request is 422.",
              schema: { type: "string", maxLength: 255 },
            },
          ],
        }
      : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } }
      : {}),
    responses: responses as ZodOpenApiOperationObject["responses"],
  };
}
