import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/** What a handler returns; the chain turns it into the API Gateway result. */
export interface HttpResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): HttpResult => ({
  statusCode: 200,
  body,
  headers,
});
export const created = (body: unknown, location: string): HttpResult => ({
  statusCode: 201,
  body,
  headers: { location },
});
export const accepted = (body: unknown): HttpResult => ({ statusCode: 202, body });
export const noContent = (): HttpResult => ({ statusCode: 204 });

/**
 * A printable page is the system's own markup with its styles inline: nothing else may load or run in it, even if an
 * applicant's name or a reason carried markup past the escaping.
 */
const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A non-JSON body (printable HTML documents, CSV reports). */
export const text = (body: string, contentType: string): HttpResult => ({
  statusCode: 200,
  body: new String(body),
  headers: {
    "content-type": contentType,
    ...(contentType.startsWith("text/html") ? { "content-security-policy": PAGE_POLICY } : {}),
  },
});

/** Every answer is what its content type says: browsers must not guess (a CSV or a page sniffed as something else). */
const ALWAYS = { "x-content-type-options": "nosniff" };

/** Bytes as they are (a compressed body, with its `content-encoding` among the headers): base64 to API Gateway. */
export const bytes = (body: Buffer, headers: Record<string, string>): HttpResult => ({
  statusCode: 200,
  body,
  headers,
});

export function toApiResult(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  // No `undefined` values: the idempotency store keeps this object as a DynamoDB map, which refuses them (a 204 with
  // an Idempotency-Key was a 500 after the delete had happened).
  const headers = { headers: { ...ALWAYS, ...result.headers } };
  if (Buffer.isBuffer(result.body)) {
    return {
      statusCode: result.statusCode,
      ...headers,
      body: result.body.toString("base64"),
      isBase64Encoded: true,
    };
  }
  if (result.body instanceof String) {
    return { statusCode: result.statusCode, ...headers, body: result.body.toString() };
  }
  if (result.body === undefined) return { statusCode: result.statusCode, ...headers };
  return {
    statusCode: result.statusCode,
    headers: { ...ALWAYS, "content-type": "application/json", ...result.headers },
    body: JSON.stringify(result.body),
  };
}
