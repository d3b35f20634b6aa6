import { isUtf8 } from "node:buffer";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { problemResponse, problemType } from "#shared/http/problem.ts";
import type { Model, RouteModel } from "../manifest.ts";
import { CONSOLE_PREFIX, PORTAL_PREFIX, serveConsole } from "./console.ts";
import type { FunctionHost } from "./functions.ts";

/** API Gateway's own limit; the handlers refuse anything above 1 MiB themselves. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;
const TEXT_TYPES = /^(application\/(.+\+)?json|text\/|application\/x-www-form-urlencoded|application\/xml)/;

interface CompiledRoute {
  model: RouteModel;
  method: string;
  pattern: RegExp;
  names: string[];
  literals: number;
}

/** An answer as the contract test reads it: which route, what status, what content type and body. */
export interface RecordedAnswer {
  route: string;
  status: number;
  contentType?: string;
  body?: string;
}

export type LocalRouteHandler = (request: {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** For endpoints that check a signature over the exact bytes (the fake hotline). */
  rawBody: string;
  headers: Record<string, string | undefined>;
}) => Promise<{ status: number; body: unknown }>;

/**
 * The local API Gateway: matches a request to a manifest route (most specific first, like API Gateway), turns it
 * into an HTTP API (payload 2.0) event and invokes the same handler module Lambda runs. No route → the `$default`
 * route's handler. `/_local/*` goes to the runtime's own endpoints (never deployed).
 */
export function createHttpServer(options: {
  model: Model;
  host: FunctionHost;
  local: LocalRouteHandler;
  afterRequest: () => void;
  /** Called with every answer a manifest route (or the fallback) gave: the contract test checks them (issue 16). */
  recordAnswer?: (answer: RecordedAnswer) => void;
  /** The built staff console (web/dist), served at /console/ (issue 18), with its security headers. */
  site?: { root: string; headers: Record<string, string> };
}): Server {
  const routes = compile(options.model.routes);
  return createServer((req, res) => {
    void handle(req, res, routes, options)
      .catch((error) => {
        console.error("[local] request failed:", error);
        write(
          res,
          problemResponse({
            type: problemType("internal"),
            title: "Internal error",
            status: 500,
            detail: "The request could not be completed.",
          }),
        );
      })
      .finally(options.afterRequest);
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  routes: CompiledRoute[],
  {
    model,
    host,
    local,
    recordAnswer,
    site,
  }: {
    model: Model;
    host: FunctionHost;
    local: LocalRouteHandler;
    recordAnswer?: (answer: RecordedAnswer) => void;
    site?: { root: string; headers: Record<string, string> };
  },
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://local");
  const method = (req.method ?? "GET").toUpperCase();
  if (
    site &&
    method === "GET" &&
    [CONSOLE_PREFIX, PORTAL_PREFIX].some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))
  ) {
    await serveConsole(url.pathname, site, res);
    return;
  }
  if (method === "OPTIONS") {
    res.writeHead(
      204,
      corsHeaders({
        "access-control-allow-methods": "GET,POST,PUT,PATCH,DELETE",
        "access-control-allow-headers": "authorization,content-type,idempotency-key,x-correlation-id",
        "access-control-max-age": "600",
      }),
    );
    res.end();
    return;
  }
  const body = await readBody(req);
  if (body === "too-large") {
    write(
      res,
      problemResponse({
        type: problemType("payload-too-large"),
        title: "Payload too large",
        status: 413,
        detail: "The body exceeds the gateway limit.",
      }),
    );
    return;
  }

  if (url.pathname.startsWith("/_local/")) {
    let parsed: unknown;
    try {
      parsed = body.length ? JSON.parse(body.toString("utf8")) : {};
    } catch {
      badRequest(res, "The body is not valid JSON.");
      return;
    }
    const result = await local({
      method,
      path: url.pathname,
      query: url.searchParams,
      body: parsed,
      rawBody: body.toString("utf8"),
      headers: req.headers as Record<string, string | undefined>,
    });
    write(res, {
      statusCode: result.status,
      headers: { "content-type": result.status >= 400 ? "application/problem+json" : "application/json" },
      body: JSON.stringify(result.body),
    });
    return;
  }

  const match = matchRoute(routes, method, url.pathname);
  if (match === "malformed") {
    // API Gateway refuses a path it cannot percent-decode before any function runs.
    badRequest(res, "The path is not validly percent-encoded.");
    return;
  }
  const target = match?.route.model ?? model.fallback;
  const event = toEvent(
    req,
    url,
    method,
    body,
    match ? match.route.model.route.key : "$default",
    match?.params,
  );
  const result = normalise(
    await host.invoke<APIGatewayProxyStructuredResultV2 | string | undefined>(target.fn, event),
  );
  recordAnswer?.({
    route: target.route.key,
    status: result.statusCode ?? 200,
    contentType: String(
      Object.entries(result.headers ?? {}).find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "",
    ),
    body: result.isBase64Encoded ? undefined : result.body,
  });
  write(res, result);
}

function compile(models: RouteModel[]): CompiledRoute[] {
  return models
    .map((model) => {
      const names: string[] = [];
      const segments = model.route.path.split("/").filter(Boolean);
      const source = segments
        .map((s) => {
          const p = /^\{([^}+]+)(\+?)\}$/.exec(s);
          if (!p) return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(p[1]!);
          return p[2] ? "(.+)" : "([^/]+)";
        })
        .join("/");
      return {
        model,
        method: model.route.method,
        pattern: new RegExp(`^/${source}/?$`),
        names,
        literals: segments.filter((s) => !s.startsWith("{")).length,
      };
    })
    .sort((a, b) => b.literals - a.literals);
}

function matchRoute(routes: CompiledRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    try {
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      return { route, params };
    } catch {
      return "malformed" as const;
    }
  }
  return undefined;
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  method: string,
  body: Buffer,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined && k !== "cookie") headers[k] = Array.isArray(v) ? v.join(",") : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  // Text only when it is: bytes that are not UTF-8 go base64-encoded, so a handler sees (and a signature covers) the
  // bytes as sent rather than replacement characters.
  const text = TEXT_TYPES.test(headers["content-type"] ?? "application/json") && isUtf8(body);
  const now = Date.now();
  return {
    version: "2.0",
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: req.headers.cookie ? req.headers.cookie.split(/;\s*/) : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters,
    body: body.length ? (text ? body.toString("utf8") : body.toString("base64")) : undefined,
    isBase64Encoded: body.length > 0 && !text,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "127.0.0.1",
      domainPrefix: "local",
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey,
      stage: "$default",
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
  };
}

/** API Gateway's payload 2.0 inference: a bare value is a 200 JSON response. */
function normalise(
  result: APIGatewayProxyStructuredResultV2 | string | undefined,
): APIGatewayProxyStructuredResultV2 {
  if (result && typeof result === "object" && "statusCode" in result) return result;
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(result ?? null),
  };
}

/** What API Gateway answers before any function runs: a request it cannot read. */
function badRequest(res: ServerResponse, detail: string): void {
  write(
    res,
    problemResponse({ type: problemType("bad-request"), title: "Bad request", status: 400, detail }),
  );
}

function write(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body =
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8");
  const headers: Record<string, string | number | string[]> = corsHeaders(
    Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
  );
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  if (body) headers["content-length"] = body.length;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

function corsHeaders(headers: Record<string, string>): Record<string, string> {
  return {
    "access-control-allow-origin": "*",
    "access-control-expose-headers": "location,idempotent-replayed",
    ...headers,
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_MAX_BODY) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
