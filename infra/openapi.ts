import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { allResponses } from "#shared/http/chain-responses.ts";
import { problemSchema } from "#shared/http/schemas.ts";
import type { RouteDefinition } from "#shared/manifest/types.ts";
import { model, type Model } from "./manifest.ts";
import { componentExamples } from "./openapi-examples.ts";

/**
 * The OpenAPI 3.1 document, generated from the manifest's routes and the same zod schemas that validate requests.
 * `npm run docs` writes docs/openapi.json; a test fails when that file is stale.
 */
export function openApiDocument(m: Model = model) {
  const paths: ZodOpenApiPathsObject = {};
  const tags = new Map<string, string>();
  for (const { route, fn } of m.routes) {
    const tag = tagOf(fn.owner, route.path);
    tags.set(
      tag,
      `${fn.owner === "platform" ? "The API itself" : `The ${fn.owner} service`}: ${tag.split(" · ")[1]}`,
    );
    const item = (paths[route.path] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    item[route.method.toLowerCase()] = { ...operation(route), tags: [tag] };
  }
  const document = createDocument({
    openapi: "3.1.0",
    info: {
      title: "GovService — Beijing government service centers (政务服务场所)",
      version: "0.1.0",
      description:
        "Catalog, intake, review, delivery and supervision of government service centers under Beijing's regulation. " +
        "Errors are RFC 9457 problem+json. Changing requests accept `Idempotency-Key`.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      // No address is invented here: the operator who deploys it puts their own service desk in `contact`.
      contact: { name: "GovService maintainers (see README.md)" },
    },
    servers: [
      { url: "http://127.0.0.1:3000", description: "The local runtime (`npm start`)" },
      {
        url: "https://{apiId}.execute-api.{region}.amazonaws.com",
        description: "The HTTP API in AWS (`npm run synth`; the stack's ApiUrl output)",
        variables: {
          apiId: { default: "example", description: "The HTTP API's id" },
          region: { default: "cn-north-1", description: "The AWS region" },
        },
      },
    ],
    tags: [...tags]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, description]) => ({ name, description })),
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
  // The main resources show an example answer each (infra/openapi-examples.ts).
  for (const { component, example } of componentExamples) {
    const schema = document.components?.schemas?.[component];
    if (!schema || typeof schema !== "object")
      throw new Error(`No component ${component} to hold its example`);
    Object.assign(schema, { examples: [example] });
  }
  return document;
}

/**
 * Every path template with its methods, for the fallback route's 405 (a wrong method on a path that exists): a small
 * file, so that function does not carry the contract.
 */
export function routeTable(m: Model = model): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const { route } of m.routes) (table[route.path] ??= []).push(route.method);
  return Object.fromEntries(
    Object.entries(table)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, methods]) => [path, methods.sort()]),
  );
}

/** A tag per service and resource: the path's first segment after the version (`intake · applications`). */
function tagOf(owner: string, path: string): string {
  const segments = path.split("/").filter(Boolean);
  const resource = segments[0] === "v1" ? (segments[1] ?? "root") : segments[0]!;
  return `${owner} · ${resource.replace(/\{.*\}/, "root")}`;
}

function operation(route: RouteDefinition): ZodOpenApiOperationObject {
  const roles = route.signedBy
    ? `Signed by the ${route.signedBy} system (no token).`
    : route.auth === "public"
      ? "Public."
      : `Roles: ${route.auth.join(", ")}.`;
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(allResponses(route))) {
    const type = Number(status) >= 400 ? "application/problem+json" : "application/json";
    responses[status] = {
      description: spec.description,
      ...(spec.schema || Number(status) >= 400
        ? {
            content: {
              [type]: { schema: spec.schema ?? problemSchema },
              ...Object.fromEntries(
                Object.entries(spec.alternatives ?? {}).map(([media, schema]) => [media, { schema }]),
              ),
            },
          }
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
        ? { security: [] }
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
