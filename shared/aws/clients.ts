import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tracer } from "../observability.ts";

/**
 * Bounds on every call, so a request whose table or queue is unreachable fails fast (the HTTP edge answers 503,
 * `ServiceUnavailableError`) instead of waiting for the function's timeout:
 * - `connectionTimeout` 2 s: TCP to a regional endpoint from Lambda takes milliseconds; 2 s still allows one lost SYN
 *   (retransmitted after 1 s). Nothing was sent yet, so retrying it is always safe.
 * - `requestTimeout` 3 s, enforced (`throwOnRequestTimeout`; the SDK only warns otherwise): DynamoDB answers item and
 *   transaction calls in milliseconds and a 1 MiB query page well under a second, so only a connection that went
 *   silent waits this long, and the retry gets a fresh one; a retried TransactWriteItems carries the same
 *   ClientRequestToken (the SDK fills it in), which DynamoDB treats as the same transaction.
 * - `maxAttempts` 3, the SDK's standard default, stated: at worst 3 × 3 s plus < 0.5 s of backoff, inside the 10 s
 *   function timeout (DEFAULTS.timeoutSeconds), so the handler still answers the 503 itself.
 * `SDK_REQUEST_TIMEOUT_MS` overrides the request timeout; the local runtime sets 0 (none): DynamoDB Local on two busy
 * cores can take seconds to answer, and a retried transaction after a timeout came back there as a conflict with its
 * own first attempt. A stopped emulator refuses connections at once, so no timeout is needed for a quick 503.
 */
const BOUNDS = {
  maxAttempts: 3,
  requestHandler: {
    connectionTimeout: 2000,
    requestTimeout: Number(process.env.SDK_REQUEST_TIMEOUT_MS ?? 3000),
    throwOnRequestTimeout: true,
  },
};

/**
 * AWS clients, created once per process and reused across invocations (connection reuse is most of Lambda's warm
 * latency). Endpoints come from the SDK's standard variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SQS,
 * AWS_ENDPOINT_URL_S3), which the local runtime points at the emulators.
 */
let rawDynamo: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let sqsClient: SQSClient | undefined;
let s3Client: S3Client | undefined;

export function dynamoClient(): DynamoDBClient {
  rawDynamo ??= tracer.captureAWSv3Client(new DynamoDBClient(BOUNDS));
  return rawDynamo;
}

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
}

export function sqs(): SQSClient {
  sqsClient ??= tracer.captureAWSv3Client(new SQSClient(BOUNDS));
  return sqsClient;
}

/**
 * S3, for the objects themselves and for presigning (`getSignedUrl(s3(), command)`: a presigned URL carries this
 * function's own credentials, so it grants only what the function's role holds). The same bounds: a function never
 * streams a file itself — browsers upload and download with presigned URLs — so its calls are small, like DynamoDB's.
 * Path-style addressing when an endpoint is set (the local emulator answers on one host, not `<bucket>.<host>`); in
 * AWS the default virtual-hosted style, as S3 wants. Checksums only where an operation requires one: by default the
 * SDK would presign a PutObject that names no checksum with the CRC32 of an empty body, refusing every real upload;
 * an upload URL names the SHA-256 the browser computed (`ChecksumSHA256`) instead, and S3 checks the bytes against it.
 */
export function s3(): S3Client {
  s3Client ??= tracer.captureAWSv3Client(
    new S3Client({
      ...BOUNDS,
      forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
      requestChecksumCalculation: "WHEN_REQUIRED",
    }),
  );
  return s3Client;
}
