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
      if (body !== undefined) issues.push(...unstorableNumbers(body));
      if (issues.length) throw new ValidationError(issues);
      request.context.input = { ...request.context.input, params, query, body };
    },
  };
}

/** DynamoDB stores numbers of magnitude 1e-130 to below 1e126; anything else in a body is the caller's error. */
const DYNAMODB_MIN = 1e-130;
const DYNAMODB_LIMIT = 1e126;

/** Numbers DynamoDB would refuse, anywhere in the validated body (iterative: nesting depth is the caller's choice). */
function unstorableNumbers(body: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pending: [unknown, (string | number)[]][] = [[body, []]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === "number") {
      const magnitude = Math.abs(value);
      if (magnitude !== 0 && (magnitude < DYNAMODB_MIN || magnitude >= DYNAMODB_LIMIT))
        issues.push({ path, message: "a number outside the range this API stores" });
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value))
        pending.push([v, [...path, Array.isArray(value) ? Number(k) : k]]);
    }
  }
  return issues;
}
