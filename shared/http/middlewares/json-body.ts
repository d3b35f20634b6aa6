import type middy from "@middy/core";
import httpJsonBodyParser from "@middy/http-json-body-parser";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { isUtf8 } from "node:buffer";
import {
  BadRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../../errors.ts";
import type { RouteDefinition } from "../../manifest/types.ts";
import type { HttpContext } from "./context.ts";

/** Bodies above 1 MiB are refused before parsing (issue 2: 413); API Gateway itself would allow 10 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Size limit, then middy's JSON parser for routes that take a body. middy reports both a wrong content type and
 * broken JSON as 415; the caller deserves to know which, so they are told apart here.
 */
export function jsonBody(
  route: RouteDefinition,
): middy.MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, HttpContext> {
  const parser = httpJsonBodyParser();
  return {
    before: async (request) => {
      const { body, isBase64Encoded } = request.event;
      const size =
        body === undefined
          ? 0
          : isBase64Encoded
            ? Buffer.from(body, "base64").length
            : Buffer.byteLength(body);
      if (size > MAX_BODY_BYTES)
        throw new PayloadTooLargeError(`The body is larger than ${MAX_BODY_BYTES} bytes.`);
      if (!route.body) return;
      if (size === 0) throw new ValidationError([{ path: [], message: "A JSON body is required." }]);
      // JSON is UTF-8 (RFC 8259 §8.1): bytes that are not would be read as replacement characters, silently.
      if (isBase64Encoded && !isUtf8(Buffer.from(body!, "base64")))
        throw new BadRequestError("The body is not valid UTF-8.");
      try {
        await parser.before!(request as never);
      } catch (error) {
        if (error instanceof Error && /malformed JSON/i.test(error.message)) {
          throw new BadRequestError("The body is not valid JSON.");
        }
        throw new UnsupportedMediaTypeError("Send the body as application/json.");
      }
    },
  };
}
