import type middy from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { verifyBearer } from "../../auth/jwt.ts";
import { hasRole } from "../../auth/principal.ts";
import { ForbiddenError } from "../../errors.ts";
import type { RouteDefinition } from "../../manifest/types.ts";
import type { HttpContext } from "./context.ts";

/** Token → principal → role check. Scope (center, department, owner) needs data, so the use case checks it. */
export function authorization(
  route: RouteDefinition,
): middy.MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, HttpContext> {
  return {
    before: async (request) => {
      if (route.auth === "public") return;
      const principal = await verifyBearer(request.event.headers.authorization);
      if (!hasRole(principal, route.auth)) {
        throw new ForbiddenError(`This action is for: ${route.auth.join(", ")}.`);
      }
      request.context.input = { ...request.context.input, principal };
    },
  };
}
