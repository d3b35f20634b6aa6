import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type * as z from "zod";
import type { Principal } from "../auth/principal.ts";
import type { TransactItem } from "../aws/dynamo.ts";
import { keyedIds } from "../ids.ts";
import type { RouteDefinition } from "../manifest/types.ts";
import { logger, metrics } from "../observability.ts";
import { authorization } from "./middlewares/authorization.ts";
import type { HttpContext } from "./middlewares/context.ts";
import { jsonBody } from "./middlewares/json-body.ts";
import { problemErrors } from "./middlewares/problem-errors.ts";
import { validation } from "./middlewares/validation.ts";
import { toApiResult, type HttpResult } from "./responses.ts";

/** A caller-supplied correlation id is kept only if it is short and plain (it lands in every event and log). */
const CORRELATION_ID = /^[\w.:-]{1,128}$/;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets to write its request's answer in its own transaction (routes `idempotent: "in-transaction"`). */
export interface Idempotency {
  /**
   * The items that record `answer(result)` as this request's answer, for the use case to add to the transaction that
   * creates `result` (none without an Idempotency-Key). The answer is computed from the result before the write:
   * the same function makes the response afterwards.
   */
  recordOf<T>(answer: (result: T) => HttpResult): (result: T) => TransactItem[];
}

/** The step for a request without a key (or a route that takes none): the handler alone. */
export const withoutKey: Idempotency = { recordOf: () => () => [] };

/** The idempotency step around a route's handler (shared/http/idempotency.ts `idempotencyStep`). */
export type IdempotencyStep = (
  event: APIGatewayProxyEventV2,
  context: HttpContext,
  handler: (idempotency: Idempotency, key: string | undefined) => Promise<APIGatewayProxyStructuredResultV2>,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** What a handler receives: validated input and, on protected routes, the caller. */
export interface HandlerInput<R extends RouteDefinition> {
  body: Parsed<R["body"]>;
  params: Parsed<R["params"]>;
  query: Parsed<R["query"]>;
  principal: R["auth"] extends "public" ? Principal | undefined : Principal;
  requestId: string;
  /** Carried into events as their correlationId. */
  correlationId: string;
  /** The method, raw path and headers asked with (the fallback route answers from them, openapi by accept-encoding). */
  request: { method: string; path: string; headers: Record<string, string | undefined> };
  /**
   * On a route that records its Idempotency-Key in its transaction (`idempotent: "in-transaction"`): the record, for
   * the use case to write with what it creates (shared/http/idempotency.ts).
   */
  idempotency: Idempotency;
}

export interface HttpChainOptions<D> {
  deps: D;
  /**
   * The idempotency step of a route that takes an Idempotency-Key (`route.idempotent`), given the route's name
   * ("METHOD /path"). Only the services' chains supply it (shared/http/handler.ts), so the platform routes' bundles
   * (health, not-found, openapi) leave out the step and its DynamoDB client.
   */
  idempotencyStep?: (name: string, route: RouteDefinition) => IdempotencyStep | undefined;
}

/**
 * A request with an Idempotency-Key makes the ids of what it creates from the key (shared/ids.ts `keyedIds`): a retry
 * whose first attempt committed, however it failed afterwards, meets the same ids and the first result, never a copy.
 */
function withKeyedIds<D>(deps: D, route: string, key: string | undefined): D {
  if (!key || !deps || typeof deps !== "object" || !("ids" in deps)) return deps;
  return { ...deps, ids: keyedIds(`${route}\u0000${key}`) };
}

/**
 * The HTTP chain, built in one place. Order (first is outermost): problem+json errors, logger, metrics, auth
 * (the token, or a webhook's signature over the raw bytes), JSON body, zod validation — so an unauthenticated caller
 * learns nothing about the schema (401 before 400), as in AWS — and then the idempotency step, when given, around the
 * handler itself (shared/http/idempotency.ts: a replay is the handler's answer, so every middleware sees it as one).
 * A handler only maps validated input to a use case and its result to a response.
 */
export function httpChainFactory<D>({ deps, idempotencyStep }: HttpChainOptions<D>) {
  return function httpHandler<R extends RouteDefinition>(
    route: R,
    fn: (input: HandlerInput<R>, deps: D) => Promise<HttpResult>,
  ) {
    const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>()
      .use(problemErrors())
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(logMetrics(metrics))
      .use(authorization(route))
      .use(jsonBody(route))
      .use(validation(route));
    const name = `${route.method} ${route.path}`;
    const idempotent = route.idempotent ? idempotencyStep?.(name, route) : undefined;
    return chain.handler(async (event, context) => {
      const { params, query, body, principal } = context.input ?? {};
      const given = event.headers["x-correlation-id"];
      const correlationId = given && CORRELATION_ID.test(given) ? given : context.awsRequestId;
      const run = async (idempotency: Idempotency, key: string | undefined) =>
        toApiResult(
          await fn(
            {
              params,
              query,
              body,
              principal,
              requestId: context.awsRequestId,
              correlationId,
              request: {
                method: event.requestContext.http.method,
                path: event.rawPath,
                headers: event.headers,
              },
              idempotency,
            } as HandlerInput<R>,
            withKeyedIds(deps, name, key),
          ),
        );
      return idempotent ? idempotent(event, context, run) : run(withoutKey, undefined);
    });
  };
}

/** The chain of the platform routes (health, not-found, openapi): read-only, no table, no idempotency step. */
export const platformHttp = httpChainFactory({ deps: {} });
