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
  /** Amazon SES outbound email, per thousand messages (https://aws.amazon.com/ses/pricing/). */
  emailUsdPerThousand: 0.1,
  /**
   * A domestic notification SMS (国内短信, 通知类), per billed part, in CNY: ¥0.045, the pay-as-you-go price of the
   * smallest volume tier on Alibaba Cloud's SMS price list (https://www.aliyun.com/price/product#/sms/detail; larger
   * tiers and prepaid packs go down to about ¥0.032). SMS to mainland numbers goes through a domestic provider — SNS
   * cannot send SMS in the China regions (issue 23), and from other regions it needs a registered sender per carrier.
   * Read offline from copies of that page, not from the page itself: check it before quoting.
   */
  smsCnyPerPart: 0.045,
  /** The exchange rate the SMS price is converted at: an assumption, not a quote. */
  cnyPerUsd: 7.1,
  /** AWS X-Ray, per million traces recorded (https://aws.amazon.com/xray/pricing/). */
  xrayUsdPerMillionTraces: 5.0,
  /**
   * CloudWatch Logs ingestion, per GB, Standard class — Lambda's logs are "vended" logs since May 2025, tiered from
   * the same $0.50 for the first 10 TB a month (https://aws.amazon.com/cloudwatch/pricing/).
   */
  logsUsdPerGbIngested: 0.5,
} as const;

/**
 * What the cost of running a case depends on besides prices and what the bench measures — stated, not measured.
 */
export const ASSUMPTIONS = {
  /**
   * The share of invocations that start a new execution environment (a cold start, whose INIT Lambda bills since
   * 1 August 2025): AWS says fewer than 1 % of invocations in production workloads (AWS Compute Blog, "AWS Lambda
   * standardizes billing for INIT Phase", 2025). A quiet center's functions go cold between cases, so the report
   * also gives the worst case, every invocation cold.
   */
  coldStartShare: 0.01,
  /**
   * The share of traces X-Ray records under its default sampling rule: the first request each second, then 5 %
   * (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-sampling.html). At a city's volume the 5 %
   * dominates; the report also gives the bound, every trace recorded.
   */
  tracesSampledShare: 0.05,
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
 *   WCU · 0.625 + RCU · 0.125 + SQS requests · 0.40 + invocations · 0.20 + GB-s · 0.0000133334 · 10⁶
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

/**
 * The parts one SMS is billed as, under the rule mainland providers and carriers apply to Chinese text (UCS-2): up to
 * 70 characters — signature and text together, every character one, 汉字, letter, digit or punctuation — is one
 * part; a longer message is split into parts of 67 (the other 3 carry the concatenation header).
 */
export function smsParts(text: string): number {
  const characters = [...text].length;
  return characters <= 70 ? 1 : Math.ceil(characters / 67);
}

/** The lines Lambda itself writes to a function's log for each invocation (text format, tracing on). */
export const PLATFORM_LOG_LINES = [
  "START RequestId: 3f9a1c2e-8b7d-4e6f-a5c4-0d1e2f3a4b5c Version: $LATEST",
  "END RequestId: 3f9a1c2e-8b7d-4e6f-a5c4-0d1e2f3a4b5c",
  "REPORT RequestId: 3f9a1c2e-8b7d-4e6f-a5c4-0d1e2f3a4b5c\tDuration: 23.45 ms\tBilled Duration: 24 ms\t" +
    "Memory Size: 512 MB\tMax Memory Used: 96 MB\t",
  "XRAY TraceId: 1-675a1b2c-3d4e5f60718293a4b5c6d7e8\tSegmentId: 0a1b2c3d4e5f6a7b\tSampled: true\t",
];

/** What one case uses besides the infrastructure total: messages, cold starts, traces, logs. */
export interface CaseExtras {
  /** SMS sent and the parts they are billed as. */
  sms: number;
  smsParts: number;
  /** The characters of each SMS of one case, in the order sent (for the report: which messages take more parts). */
  smsCharacters?: number[];
  emails: number;
  /**
   * Σ over the case's invocations of the function's measured module init (ms) × its memory, in GB-s: the INIT the
   * case would be billed if every invocation were a cold start. Undefined when the run measured no init.
   */
  initGbSecondsAllCold?: number;
  /** Invocations that start a trace: HTTP requests and stream-triggered publishers (consumers continue the trace). */
  traceRoots: number;
  /** Bytes the case's functions logged (application and metrics, JSON) and the platform's lines for each invocation. */
  logBytes: number;
}

export interface ExtrasCost {
  sms: number;
  email: number;
  /** SMS + email: `messaging_usd_per_million_cases`. */
  messaging: number;
  init?: { atShare: number; allCold: number };
  xray: { atDefaultSampling: number; allTraces: number };
  logs: number;
}

export function extrasPerMillionCases(
  extras: CaseExtras,
  prices: Prices = PRICES,
  assumptions: typeof ASSUMPTIONS = ASSUMPTIONS,
): ExtrasCost {
  const sms = (extras.smsParts * prices.smsCnyPerPart * 1_000_000) / prices.cnyPerUsd;
  const email = (extras.emails * prices.emailUsdPerThousand * 1_000_000) / 1000;
  const allCold =
    extras.initGbSecondsAllCold === undefined
      ? undefined
      : extras.initGbSecondsAllCold * prices.lambdaUsdPerGbSecond * 1_000_000;
  const allTraces = extras.traceRoots * prices.xrayUsdPerMillionTraces;
  return {
    sms,
    email,
    messaging: sms + email,
    ...(allCold === undefined ? {} : { init: { atShare: allCold * assumptions.coldStartShare, allCold } }),
    xray: { atDefaultSampling: allTraces * assumptions.tracesSampledShare, allTraces },
    // GB taken as 10⁹ bytes: of the two readings the larger cost.
    logs: (extras.logBytes / 1e9) * prices.logsUsdPerGbIngested * 1_000_000,
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
