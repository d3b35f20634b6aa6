import type * as z from "zod";
import type { Role } from "../auth/roles.ts";
import type { Consumed, EventDefinition } from "../events/define-event.ts";
import type { ServiceName } from "./naming.ts";

/**
 * The manifest: one typed declaration of every table, queue, subscription, route and schedule. `infra/aws` turns it
 * into CDK resources and `infra/local` into emulator resources, pollers and an HTTP router — nothing is declared twice.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteKey = `${HttpMethod} /${string}`;

export interface ResponseSpec {
  description: string;
  /** The JSON body. */
  schema?: z.ZodType;
  /** Other media types the same answer may come in (`text/csv`, `text/html`), chosen by the request. */
  alternatives?: Readonly<Record<string, z.ZodType>>;
}

export interface RouteDefinition<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
> {
  readonly key: RouteKey;
  readonly method: HttpMethod;
  readonly path: string;
  /** File stem in the owner's handlers folder: `publish-guide` → `handlers/publish-guide.handler.ts`. */
  readonly handler: string;
  /** `"public"`, or the roles allowed to call it (scope is checked by the use case). */
  readonly auth: "public" | readonly Role[];
  readonly summary: string;
  readonly description?: string;
  readonly body: B;
  readonly params: P;
  readonly query: Q;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /**
   * POST/PUT/PATCH/DELETE honour `Idempotency-Key` unless turned off. `"in-transaction"`: the handler's use case writes
   * the key's record in its own transaction (HandlerInput `idempotency`) instead of the chain writing it before and after
   * (shared/http/idempotency.ts) — two requests fewer, for a use case that writes once.
   */
  readonly idempotent: boolean | "in-transaction";
  /** A GET that records something (e.g. that a result link was opened) writes to its table; other GETs only read. */
  readonly writes?: boolean;
  /** Per-route function settings (defaults in the base function construct). */
  readonly function?: FunctionSettings;
  /**
   * A machine caller that signs its requests instead of carrying a token (DESIGN.md "12345 webhook signing"): the
   * route is public to API Gateway and the chain's auth step verifies the signature. Implies the integration.
   */
  readonly signedBy?: Integration;
}

/** Outside systems a function talks to, each with its secret and settings (the 12345 hotline). */
export type Integration = "hotline";

export interface FunctionSettings {
  memoryMb?: number;
  timeoutSeconds?: number;
  /** Messages the function sends to people: SMS (SNS in AWS) and email (SES). Granted only where declared. */
  sends?: readonly ("sms" | "email")[];
  /** Outside systems it calls or verifies (their secret is granted only where declared). */
  integrations?: readonly Integration[];
}

export function route<
  B extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(
  key: RouteKey,
  spec: {
    handler: string;
    auth: "public" | readonly Role[];
    summary: string;
    description?: string;
    body?: B;
    params?: P;
    query?: Q;
    responses: Record<number, ResponseSpec>;
    idempotent?: boolean | "in-transaction";
    writes?: boolean;
    function?: FunctionSettings;
    signedBy?: Integration;
  },
): RouteDefinition<B, P, Q> {
  const [method, path] = key.split(" ") as [HttpMethod, string];
  return {
    key,
    method,
    path,
    handler: spec.handler,
    auth: spec.auth,
    summary: spec.summary,
    description: spec.description,
    body: spec.body as B,
    params: spec.params as P,
    query: spec.query as Q,
    responses: spec.responses,
    idempotent: spec.idempotent ?? method !== "GET",
    writes: spec.writes,
    function: spec.signedBy
      ? {
          ...spec.function,
          integrations: [...new Set([...(spec.function?.integrations ?? []), spec.signedBy])],
        }
      : spec.function,
    signedBy: spec.signedBy,
  };
}

export interface QueueDefinition {
  /** Handler file stem of the consumer (`on-event`). */
  readonly consumer: string;
  /**
   * Events delivered to this queue, at the version the consumer understands: each becomes a subscription the
   * publishers honour, and the consumer must handle every one (its handler map is typed from this list).
   */
  readonly consumes: readonly Consumed[];
  readonly description: string;
  /** Receives before a message moves to the DLQ (DESIGN.md: 5). */
  readonly maxReceiveCount?: number;
  readonly batchSize?: number;
  readonly visibilityTimeoutSeconds?: number;
  readonly maxBatchingWindowSeconds?: number;
  readonly function?: FunctionSettings;
}

export type ScheduleExpression =
  { rate: `${number} ${"minute" | "minutes" | "hour" | "hours" | "day" | "days"}` } | { cron: string };

export interface ScheduleDefinition {
  readonly name: string;
  readonly handler: string;
  readonly schedule: ScheduleExpression;
  readonly description: string;
  readonly function?: FunctionSettings;
}

/**
 * A global secondary index on the generic keys `gsiNpk`/`gsiNsk`, named in code by the access patterns it serves
 * (docs/access-patterns.md lists them).
 */
export interface IndexDefinition {
  readonly name: `gsi${number}`;
  readonly accessPatterns: readonly string[];
  /**
   * What the index holds besides its keys: `all` (the default) for lists read from the index alone; `keysOnly` for an
   * index that only finds items to read from the table, so writes that leave its keys alone cost it nothing;
   * `{ include }` for such an index whose queries also filter on a few attributes (an index query can filter only on
   * what the index holds) — writes that change neither its keys nor those attributes cost it nothing either.
   */
  readonly projection?: "all" | "keysOnly" | { readonly include: readonly string[] };
}

export interface TableDefinition {
  readonly indexes: readonly IndexDefinition[];
}

/**
 * A private bucket of files a service keeps (applicants' and clerks' uploads). In AWS an S3 bucket — private,
 * encrypted, versioned, retained — and locally a bucket of the S3-compatible emulator `npm start` runs.
 */
export interface BucketDefinition {
  readonly description: string;
  /**
   * Objects tagged `<key>=<value>` (e.g. `attached=false`, set when uploaded) expire after `days`: an upload nothing
   * came to refer to is not kept. The functions retag what they keep.
   */
  readonly expireTagged?: { readonly key: string; readonly value: string; readonly days: number };
  /**
   * Browser uploads and downloads through presigned URLs from the web front ends' origin (a CORS rule). Without it
   * only the functions reach the objects.
   */
  readonly browserAccess?: boolean;
}

export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly description: string;
  readonly table: TableDefinition;
  readonly routes: readonly RouteDefinition[];
  readonly queues: Readonly<Record<string, QueueDefinition>>;
  readonly schedules: readonly ScheduleDefinition[];
  readonly publishes: readonly EventDefinition[];
  /**
   * Asymmetric signing keys the service seals documents with (kebab-case names, e.g. `["seal"]`). Each becomes a KMS
   * key in AWS and an Ed25519 key pair locally; every function of the service gets its variables
   * (`signingKeyEnv`), functions that write the table may sign, read-only ones may only verify.
   */
  readonly signingKeys?: readonly string[];
  /**
   * The service's buckets by kebab-case name (`materials`). Every function of the service gets the bucket's name
   * (`bucketEnv`); functions that write the table may write objects, read-only ones may only read them — a presigned
   * URL is signed with the function's own credentials, so the URLs a function hands out grant no more than it holds.
   */
  readonly buckets?: Readonly<Record<string, BucketDefinition>>;
}

export function defineService<const S extends ServiceDefinition>(service: S): S {
  return service;
}

/** Routes served by shared code, not by one service (health, OpenAPI document, the catch-all 404). */
export interface PlatformDefinition {
  readonly routes: readonly RouteDefinition[];
}

export const DEFAULTS = {
  maxReceiveCount: 5,
  batchSize: 10,
  // AWS: a queue's visibility timeout should be at least six times its consumer's timeout.
  visibilityTimeoutSeconds: 180,
  maxBatchingWindowSeconds: 0,
  streamBatchSize: 100,
  streamRetryAttempts: 10,
  memoryMb: 512,
  timeoutSeconds: 10,
} as const;
