import type middy from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { jwtConfig, verifyBearer } from "../../auth/jwt.ts";
import { hasRole } from "../../auth/principal.ts";
import { ForbiddenError } from "../../errors.ts";
import type { RouteDefinition } from "../../manifest/types.ts";
import { rawBodyOf, type HttpContext } from "./context.ts";
import { clock } from "../../clock.ts";
import { INTEGRATION_SECRETS } from "../../config/integrations.ts";
import { secretValue } from "../../config/secrets.ts";
import { verifySignature } from "../../webhooks/signature.ts";

/**
 * Token → principal → role check, before anything reads the body: an unauthenticated caller learns nothing about the
 * route's schema (401 before 400, as API Gateway's JWT authorizer answers in AWS). Scope (center, department, owner)
 * needs data, so the use case checks it. A route `signedBy` an outside system is checked by its signature over the raw
 * bytes of the body instead (DESIGN.md).
 */
export function authorization(
  route: RouteDefinition,
): middy.MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, HttpContext> {
  // A protected route's function needs the JWT settings: parse them when its module loads (fail at cold start).
  if (route.auth !== "public" && !route.signedBy) jwtConfig();
  return {
    before: async (request) => {
      if (route.signedBy) {
        const secret = await secretValue(INTEGRATION_SECRETS[route.signedBy]);
        verifySignature(request.event.headers, rawBodyOf(request.event), secret, clock.now());
        return;
      }
      if (route.auth === "public") return;
      const principal = await verifyBearer(request.event.headers.authorization);
      if (!hasRole(principal, route.auth)) {
        throw new ForbiddenError(`This action is for: ${route.auth.join(", ")}.`);
      }
      request.context.input = { ...request.context.input, principal };
    },
  };
}
