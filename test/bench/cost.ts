/**
 * What one case costs in AWS at on-demand prices, from what the lifecycle benchmark measured. Kept as data and one
 * formula so docs/benchmarks.md can print both and test/unit/bench-cost.test.ts can check them by hand.
 *
 * Prices: us-east-1 (N. Virginia), on-demand, list prices without free tier, as the AWS pricing pages state them on
 * `asOf` (each price names its page). The Beijing and Ningxia regions (operated by Sinnet and NWCD, billed in CNY) have
 * their own price lists; these figures are not their prices.
 */
export const PRICES = {
  region: "us-east-1",
  /** The day these prices were read off their pages; a price list older than a year should be read again. */
  asOf: "2026-12-04",
  /**
   * DynamoDB on-demand, per million write request units (standard table class): $0.625 since 1 November 2024, when
   * on-demand prices were halved (https://aws.amazon.com/dynamodb/pricing/on-demand/).
   */
  dynamoWriteUsdPerMillion: 0.625,
  /** DynamoDB on-demand, per million read request units (same page, same date). */
  dynamoReadUsdPerMillion: 0.125,
  /** SQS standard queues, per million requests; a request carries up to 64 KiB (https://aws.amazon.com/sqs/pricing/). */
  sqsUsdPerMillionRequests: 0.4,
  /** Lambda, per million requests (https://aws.amazon.com/lambda/pricing/). */
  lambdaUsdPerMillionRequests: 0.2,
  /** Lambda on arm64, per GB-second (first pricing tier; same page). INIT is billed at the same rate since 1 August 2025. */
  lambdaUsdPerGbSecond: 0.0000133334,
  /** HTTP API (API Gateway v2), per million requests (first 300 million a month; https://aws.amazon.com/api-gateway/pricing/). */
  httpApiUsdPerMillionRequests: 1.0,
} as const;

export type Prices = { [K in keyof typeof PRICES]: (typeof PRICES)[K] extends string ? string : number };

export interface CaseUsage {
  /** Write and read request units one case consumed, summed over every table (ReturnConsumedCapacity). */
  wcu: number;
  rcu: number;
  /** SQS requests one case causes (sends, and the receives and deletes of those messages). */
  sqsRequests: number;
  /** Lambda invocations (HTTP, publishers, consumers) one case causes. */
  lambdaInvocations: number;
  /** Their billed duration times their memory: Σ ⌈duration ms⌉ / 1000 · memory MB / 1024. */
  lambdaGbSeconds: number;
  /** HTTP API requests one case makes. */
  httpRequests: number;
}

export interface CaseCost {
  dynamodb: number;
  sqs: number;
  lambdaRequests: number;
  lambdaCompute: number;
  /** DynamoDB + SQS + Lambda: the `cost_usd_per_million_cases` figure. */
  total: number;
  /** API Gateway HTTP API requests, not in `total`. */
  httpApi: number;
}

/**
 * USD per million cases:
 *   WCU · 1.25 + RCU · 0.25 + SQS requests · 0.40 + invocations · 0.20 + GB-s · 0.0000133334 · 10⁶
 * (each per-million price times a per-case count is the price of a million cases).
 */
export function costPerMillionCases(usage: CaseUsage, prices: Prices = PRICES): CaseCost {
  const dynamodb = usage.wcu * prices.dynamoWriteUsdPerMillion + usage.rcu * prices.dynamoReadUsdPerMillion;
  const sqs = usage.sqsRequests * prices.sqsUsdPerMillionRequests;
  const lambdaRequests = usage.lambdaInvocations * prices.lambdaUsdPerMillionRequests;
  const lambdaCompute = usage.lambdaGbSeconds * prices.lambdaUsdPerGbSecond * 1_000_000;
  return {
    dynamodb,
    sqs,
    lambdaRequests,
    lambdaCompute,
    total: dynamodb + sqs + lambdaRequests + lambdaCompute,
    httpApi: usage.httpRequests * prices.httpApiUsdPerMillionRequests,
  };
}

/** Lambda bills each invocation's duration rounded up to the millisecond, at the function's memory. */
export function gbSeconds(invocations: readonly { durationMs: number; memoryMb: number }[]): number {
  return invocations.reduce((sum, i) => sum + (Math.ceil(i.durationMs) / 1000) * (i.memoryMb / 1024), 0);
}

/**
 * SQS requests per message delivered to a Lambda consumer: the publisher's send, the event source mapping's receive
 * and its delete. An upper bound — sends, receives and deletes are batched in AWS, and the mapping's empty long polls
 * are a fixed cost per queue, not a cost per case.
 */
export const SQS_REQUESTS_PER_MESSAGE = 3;
