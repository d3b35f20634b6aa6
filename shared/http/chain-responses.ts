import type { ResponseSpec, RouteDefinition } from "../manifest/types.ts";
import { problemSchema } from "./schemas.ts";

const problem = (description: string): ResponseSpec => ({ description, schema: problemSchema });

/**
 * The answers the handler chain itself may give on a route, before or around its use case (issue 16): the contract
 * lists them on every operation they apply to, so a client knows them all, and the contract test accepts nothing else.
 * A route's own entries (more precise descriptions) win.
 */
export function chainResponses(route: RouteDefinition): Record<number, ResponseSpec> {
  const protectedRoute = route.auth !== "public" || route.signedBy !== undefined;
  const responses: Record<number, ResponseSpec | undefined> = {
    ...(route.body || route.params || route.query
      ? { 400: problem("Invalid input: every failing field is listed in `errors`") }
      : {}),
    ...(protectedRoute
      ? {
          401: problem(
            route.signedBy ? "Missing, stale or wrong signature" : "Missing, invalid or expired token",
          ),
        }
      : {}),
    ...(route.auth !== "public" ? { 403: problem("The role or scope does not allow this") } : {}),
    ...(route.idempotent
      ? {
          409: problem("The first request with this Idempotency-Key is still in progress"),
          422: problem("The Idempotency-Key was used for another request"),
        }
      : {}),
    // Any request's body is measured before anything else, whether the route takes one or not.
    413: problem("The body is larger than 1 MiB"),
    ...(route.body ? { 415: problem("The body is not application/json") } : {}),
    500: problem("An error of the system; the body names nothing internal, quote its requestId"),
    503: problem("A dependency is briefly unavailable: retry after `Retry-After` seconds"),
  };
  return Object.fromEntries(Object.entries(responses).filter(([, spec]) => spec)) as Record<
    number,
    ResponseSpec
  >;
}

/** Every answer a route may give: its own and the chain's. */
export function allResponses(route: RouteDefinition): Record<number, ResponseSpec> {
  return { ...chainResponses(route), ...route.responses };
}
