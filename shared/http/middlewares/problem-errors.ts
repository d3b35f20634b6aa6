import type middy from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { AppError } from "../../errors.ts";
import { logger } from "../../observability.ts";
import { problemResponse, toProblem } from "../problem.ts";

/**
 * Outermost middleware: every error becomes an RFC 9457 problem+json response. 4xx keep their detail and field
 * paths; anything unexpected is logged with its cause and answered as a bare 500.
 */
export function problemErrors(): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> {
  return {
    onError: async (request) => {
      const problem = toProblem(request.error, {
        instance: request.event.rawPath,
        requestId: request.context.awsRequestId,
      });
      if (problem.status >= 500) {
        logger.error("request failed", { error: request.error as Error, path: request.event.rawPath });
      } else if (!(request.error instanceof AppError)) {
        // A 4xx mapped from a dependency's refusal (shared/errors.ts `refusedForSize`): a schema should have caught it.
        logger.warn("request refused by a storage limit", {
          status: problem.status,
          error: request.error as Error,
          path: request.event.rawPath,
        });
      } else {
        logger.info("request refused", {
          status: problem.status,
          type: problem.type,
          path: request.event.rawPath,
        });
      }
      const headers: Record<string, string> =
        problem.status === 401 ? { "www-authenticate": 'Bearer realm="govservice"' } : {};
      request.response = problemResponse(problem, headers);
    },
  };
}
