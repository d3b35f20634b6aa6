import type middy from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type * as z from "zod";
import { ValidationError, type FieldIssue } from "../../errors.ts";
import type { RouteDefinition } from "../../manifest/types.ts";
import type { HttpContext } from "./context.ts";

/**
 * Validate path parameters, query and body against the route's zod schemas and report every failing field at once
 * (a one-time notice for developers, too). Body paths are relative to the body; others are prefixed by location.
 */
export function validation(
  route: RouteDefinition,
): middy.MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, HttpContext> {
  return {
    before: async (request) => {
      const issues: FieldIssue[] = [];
      const check = <S extends z.ZodType | undefined>(schema: S, value: unknown, prefix: string[]) => {
        if (!schema) return undefined;
        const result = schema.safeParse(value);
        if (result.success) return result.data;
        for (const issue of result.error.issues) {
          issues.push({
            path: [...prefix, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))],
            message: issue.message,
          });
        }
        return undefined;
      };
      const { event } = request;
      const params = check(route.params, event.pathParameters ?? {}, ["path"]);
      const query = check(route.query, event.queryStringParameters ?? {}, ["query"]);
      const body = check(route.body, event.body, []);
      if (issues.length) throw new ValidationError(issues);
      request.context.input = { ...request.context.input, params, query, body };
    },
  };
}
