import * as z from "zod";
import { subscriptionKey, type DataFilter, type EventDefinition } from "#shared/events/define-event.ts";
import { fallbackRoute, platformRoutes } from "#shared/http/platform.ts";
import {
  bucketEnv,
  bucketId,
  functionId,
  queueId,
  queueUrlEnv,
  serviceFolder,
  signingKeyAlias,
  signingKeyEnv,
  signingKeyId,
  tableEnv,
  type ServiceName,
} from "#shared/manifest/naming.ts";
import {
  DEFAULTS,
  type BucketDefinition,
  type FunctionSettings,
  type Integration,
  type QueueDefinition,
  type RouteDefinition,
  type ScheduleDefinition,
  type ServiceDefinition,
  type TableDefinition,
} from "#shared/manifest/types.ts";
import { catalog } from "#services/catalog/service.ts";
import { delivery } from "#services/delivery/service.ts";
import { intake } from "#services/intake/service.ts";
import { review } from "#services/review/service.ts";
import { monitoring } from "#services/supervision/monitoring/service.ts";
import { complaints } from "#services/supervision/complaints/service.ts";

/**
 * The whole system as data: every function, table, queue, subscription, route and schedule, derived from the
 * services' own declarations (services/<name>/service.ts). `infra/aws` and `infra/local` both read only this.
 */
export const services: readonly ServiceDefinition[] = [
  catalog,
  intake,
  review,
  delivery,
  complaints,
  monitoring,
];

export type Owner = ServiceName | "platform";
export type FunctionKind = "http" | "consumer" | "publisher" | "schedule";

export interface FunctionModel {
  id: string;
  owner: Owner;
  kind: FunctionKind;
  /** Repository-relative path of the module exporting `handler`. */
  entry: string;
  settings: Required<FunctionSettings>;
  /** What the function may do to its owner's table (least privilege). */
  tableAccess: "none" | "read" | "readWrite";
}

export interface RouteModel {
  route: RouteDefinition;
  fn: FunctionModel;
}

export interface QueueModel {
  id: string;
  service: ServiceName;
  key: string;
  definition: QueueDefinition;
  maxReceiveCount: number;
  batchSize: number;
  visibilityTimeoutSeconds: number;
  maxBatchingWindowSeconds: number;
  dlqId: string;
  consumer: FunctionModel;
  urlEnv: string;
}

export interface TableModel {
  service: ServiceName;
  definition: TableDefinition;
  envVar: string;
  publisher: FunctionModel;
  /** Event type → queue ids, restricted to the events this service publishes. */
  subscriptions: Record<string, string[]>;
  /** `<event type> <queue id>` → the filter of that subscription, for the subscriptions that have one. */
  filters: Record<string, DataFilter>;
  /** Where the stream's records go after the publisher's retries are exhausted. */
  streamDlqId: string;
}

export interface ScheduleModel {
  id: string;
  service: ServiceName;
  definition: ScheduleDefinition;
  fn: FunctionModel;
}

/** An asymmetric key a service signs with (`signingKeys` in its manifest entry). */
export interface SigningKeyModel {
  /** `review-seal` */
  id: string;
  service: ServiceName;
  /** As declared: `seal`. */
  name: string;
  /** The KMS alias in AWS: `alias/govservice/review-seal`. */
  alias: string;
  /** The variable names each runtime sets (signingKeyEnv). */
  env: ReturnType<typeof signingKeyEnv>;
}

/** What a function may do with its service's signing keys: functions that write sign, readers only verify. */
export type SigningAccess = "none" | "verify" | "sign";

/**
 * Derived from the table access, so a seal is only ever made by a function that also writes the sealed record; a
 * function that never touches the table (the publisher) gets no key access at all.
 */
export function signingAccessFor(fn: FunctionModel): SigningAccess {
  if (fn.owner === "platform" || fn.tableAccess === "none") return "none";
  return fn.tableAccess === "readWrite" ? "sign" : "verify";
}

/** A bucket a service keeps files in (`buckets` in its manifest entry). */
export interface BucketModel {
  /** `intake-materials` */
  id: string;
  service: ServiceName;
  /** As declared: `materials`. */
  name: string;
  definition: BucketDefinition;
  /** The variable holding the bucket's name in both runtimes (bucketEnv): `INTAKE_MATERIALS_BUCKET`. */
  envVar: string;
}

/** What a function may do with its service's buckets' objects: functions that write put and tag, readers only get. */
export type BucketAccess = "none" | "read" | "write";

/**
 * Derived from the table access like the signing keys: an object is only written by a function that also writes the
 * record referring to it, and a read-only function can hand out download URLs but never upload ones. The publisher,
 * which never touches the table, gets no access.
 */
export function bucketAccessFor(fn: FunctionModel): BucketAccess {
  if (fn.owner === "platform" || fn.tableAccess === "none") return "none";
  return fn.tableAccess === "readWrite" ? "write" : "read";
}

const KEY_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const settings = (s: FunctionSettings | undefined, visibility?: number): Required<FunctionSettings> => ({
  memoryMb: s?.memoryMb ?? DEFAULTS.memoryMb,
  // A consumer gets at most a sixth of its queue's visibility timeout (AWS's advice for SQS event sources), so a
  // message is never visible again while its first delivery still runs.
  timeoutSeconds:
    s?.timeoutSeconds ??
    (visibility
      ? Math.min(DEFAULTS.timeoutSeconds * 3, Math.floor(visibility / 6))
      : DEFAULTS.timeoutSeconds),
  sends: s?.sends ?? [],
  integrations: s?.integrations ?? [],
});

const handlerEntry = (service: ServiceName, handler: string) =>
  `services/${serviceFolder(service)}/handlers/${handler}.handler.ts`;

function httpFunction(owner: Owner, r: RouteDefinition): FunctionModel {
  return {
    id: functionId(owner, r.handler),
    owner,
    kind: "http",
    entry:
      owner === "platform" ? `shared/http/handlers/${r.handler}.handler.ts` : handlerEntry(owner, r.handler),
    settings: settings(r.function),
    tableAccess: owner === "platform" ? "none" : r.method === "GET" && !r.writes ? "read" : "readWrite",
  };
}

function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!).sort();
}

function schemaKeys(schema: z.ZodType | undefined): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape).sort() : [];
}

export function buildModel(list: readonly ServiceDefinition[]) {
  const problems: string[] = [];

  const routes: RouteModel[] = [
    ...Object.values(platformRoutes).map((route) => ({ route, fn: httpFunction("platform", route) })),
    ...list.flatMap((s) => s.routes.map((route) => ({ route, fn: httpFunction(s.name, route) }))),
  ];
  const fallback: RouteModel = { route: fallbackRoute, fn: httpFunction("platform", fallbackRoute) };

  const seenKeys = new Set<string>();
  for (const { route } of routes) {
    if (seenKeys.has(route.key)) problems.push(`route ${route.key} is declared twice`);
    seenKeys.add(route.key);
    if (pathParams(route.path).join() !== schemaKeys(route.params).join()) {
      problems.push(`route ${route.key}: path parameters and the params schema differ`);
    }
  }

  // Handler names become the contract's operationIds (client method names): one per route, across services.
  const operations = new Map<string, string>();
  for (const { route, fn } of routes) {
    const other = operations.get(route.handler);
    if (other && other !== fn.id) problems.push(`handler name ${route.handler} is used by two services`);
    operations.set(route.handler, fn.id);
  }

  // One function per handler file: two routes may share a handler only within one owner.
  const functions = new Map<string, FunctionModel>();
  const addFunction = (fn: FunctionModel) => {
    const existing = functions.get(fn.id);
    if (existing && existing.entry !== fn.entry) problems.push(`function ${fn.id} has two entries`);
    if (existing && fn.tableAccess === "readWrite") existing.tableAccess = "readWrite";
    if (!existing) functions.set(fn.id, fn);
    return functions.get(fn.id)!;
  };
  for (const r of [...routes, fallback]) r.fn = addFunction(r.fn);

  const publishedBy = new Map<string, { service: ServiceName; event: EventDefinition }>();
  for (const s of list) {
    for (const event of s.publishes) {
      if (publishedBy.has(event.type)) problems.push(`event ${event.type} is published by two services`);
      publishedBy.set(event.type, { service: s.name, event });
    }
  }

  const queues: QueueModel[] = list.flatMap((s) =>
    Object.entries(s.queues).map(([key, definition]) => {
      const visibility = definition.visibilityTimeoutSeconds ?? DEFAULTS.visibilityTimeoutSeconds;
      const id = queueId(s.name, key);
      return {
        id,
        service: s.name,
        key,
        definition,
        maxReceiveCount: definition.maxReceiveCount ?? DEFAULTS.maxReceiveCount,
        batchSize: definition.batchSize ?? DEFAULTS.batchSize,
        visibilityTimeoutSeconds: visibility,
        maxBatchingWindowSeconds: definition.maxBatchingWindowSeconds ?? DEFAULTS.maxBatchingWindowSeconds,
        dlqId: `${id}-dlq`,
        urlEnv: queueUrlEnv(s.name, key),
        consumer: addFunction({
          id: functionId(s.name, definition.consumer),
          owner: s.name,
          kind: "consumer",
          entry: handlerEntry(s.name, definition.consumer),
          settings: settings(definition.function, visibility),
          tableAccess: "readWrite",
        }),
      };
    }),
  );

  const subscriptions: Record<string, string[]> = {};
  const filters: Record<string, DataFilter> = {};
  for (const q of queues) {
    for (const event of q.definition.consumes) {
      const producer = publishedBy.get(event.type);
      if (!producer) problems.push(`queue ${q.id} consumes ${event.type}, which no service publishes`);
      else if (producer.event.version !== event.version) {
        problems.push(
          `queue ${q.id} consumes ${event.type} v${event.version}; ${producer.service} publishes v${producer.event.version}`,
        );
      }
      (subscriptions[event.type] ??= []).push(q.id);
      if (event.filter) filters[subscriptionKey(event.type, q.id)] = event.filter;
    }
  }

  const tables: TableModel[] = list.map((s) => ({
    service: s.name,
    definition: s.table,
    envVar: tableEnv(s.name),
    streamDlqId: `${s.name}-stream-dlq`,
    subscriptions: Object.fromEntries(
      s.publishes.filter((e) => subscriptions[e.type]).map((e) => [e.type, subscriptions[e.type]!]),
    ),
    filters: Object.fromEntries(
      s.publishes
        .flatMap((e) => (subscriptions[e.type] ?? []).map((q) => subscriptionKey(e.type, q)))
        .flatMap((key) => (filters[key] ? [[key, filters[key]] as const] : [])),
    ),
    publisher: addFunction({
      id: functionId(s.name, "publisher"),
      owner: s.name,
      kind: "publisher",
      entry: "shared/events/publisher.handler.ts",
      settings: settings({ timeoutSeconds: 30 }),
      tableAccess: "none",
    }),
  }));

  const schedules: ScheduleModel[] = list.flatMap((s) =>
    s.schedules.map((definition) => ({
      id: `${s.name}-${definition.name}`,
      service: s.name,
      definition,
      fn: addFunction({
        id: functionId(s.name, definition.handler),
        owner: s.name,
        kind: "schedule",
        entry: handlerEntry(s.name, definition.handler),
        settings: settings(definition.function ?? { timeoutSeconds: 60 }),
        tableAccess: "readWrite",
      }),
    })),
  );

  const signingKeys: SigningKeyModel[] = list.flatMap((s) => {
    const names = s.signingKeys ?? [];
    for (const name of names.filter((n, i) => names.indexOf(n) !== i)) {
      problems.push(`signing key ${name} of ${s.name} is declared twice`);
    }
    for (const name of names.filter((n) => !KEY_NAME.test(n))) {
      problems.push(`signing key "${name}" of ${s.name} is not a kebab-case name`);
    }
    return [...new Set(names)].map((name) => ({
      id: signingKeyId(s.name, name),
      service: s.name,
      name,
      alias: signingKeyAlias(s.name, name),
      env: signingKeyEnv(s.name, name),
    }));
  });

  const buckets: BucketModel[] = list.flatMap((s) =>
    Object.entries(s.buckets ?? {}).map(([name, definition]) => {
      if (!KEY_NAME.test(name)) problems.push(`bucket "${name}" of ${s.name} is not a kebab-case name`);
      const expiry = definition.expireTagged;
      if (expiry && !(Number.isInteger(expiry.days) && expiry.days >= 1 && expiry.key)) {
        problems.push(
          `bucket ${name} of ${s.name}: expireTagged needs a tag key and a whole number of days ≥ 1`,
        );
      }
      return {
        id: bucketId(s.name, name),
        service: s.name,
        name,
        definition,
        envVar: bucketEnv(s.name, name),
      };
    }),
  );

  if (problems.length) throw new Error(`The manifest is inconsistent:\n- ${problems.join("\n- ")}`);

  const events = [...publishedBy.values()];
  return {
    services: list,
    routes,
    fallback,
    functions: [...functions.values()],
    tables,
    queues,
    subscriptions,
    filters,
    schedules,
    signingKeys,
    buckets,
    events,
  };
}

export type Model = ReturnType<typeof buildModel>;

export const model: Model = buildModel(services);

/** Values only the runtime knows (physical names, URLs, auth keys); everything else comes from the model. */
export interface Resolved {
  tableName(service: ServiceName): string;
  queueUrl(queueId: string): string;
  auth: Record<string, string>;
  /**
   * The variables of one signing key (`signingKeyEnv`): the KMS key's ARN in AWS, the key pair locally (P-256 or SM2: SEAL_ALGORITHM).
   * Optional so a runtime or test without keys need not mention it; `environmentFor` throws if a service declares a
   * key and it is missing.
   */
  signingKey?(service: ServiceName, name: string): Record<string, string>;
  /**
   * Where messages to people go (MESSAGE_PROVIDER and its settings): SNS and SES in AWS, the outbox locally — given to
   * every function of a service that has a function declaring `sends` (they share the service's ports).
   */
  messaging?: Record<string, string>;
  /**
   * The physical name of one bucket (`buckets` in the manifest): CloudFormation's generated name in AWS, the emulator's
   * `govservice-<service>-<name>` locally. Optional like `signingKey`; `environmentFor` throws if a service declares a
   * bucket and it is missing.
   */
  bucketName?(service: ServiceName, name: string): string;
  /**
   * An outside system's secret and settings (`INTEGRATION_SECRETS`, `INTEGRATION_SETTINGS`): the secret's value
   * locally, its ARN in AWS — given only to functions that declare the integration.
   */
  integration?(name: Integration): Record<string, string>;
  common?: Record<string, string>;
}

/** The environment of one function — the same variable names in AWS and locally. */
export function environmentFor(
  fn: FunctionModel,
  resolved: Resolved,
  m: Model = model,
): Record<string, string> {
  const env: Record<string, string> = {
    POWERTOOLS_SERVICE_NAME: fn.owner,
    POWERTOOLS_METRICS_NAMESPACE: "GovService",
    ...resolved.common,
  };
  if (fn.owner !== "platform") {
    env[tableEnv(fn.owner)] = resolved.tableName(fn.owner);
    for (const q of m.queues.filter((q) => q.service === fn.owner)) env[q.urlEnv] = resolved.queueUrl(q.id);
    for (const key of m.signingKeys.filter((k) => k.service === fn.owner)) {
      if (!resolved.signingKey)
        throw new Error(`This runtime resolves no signing keys; ${key.id} is declared`);
      const vars = resolved.signingKey(key.service, key.name);
      const unknown = Object.keys(vars).filter((v) => !Object.values(key.env).includes(v as never));
      if (unknown.length) throw new Error(`${key.id}: ${unknown.join(", ")} is not one of its variables`);
      Object.assign(env, vars);
    }
    for (const bucket of m.buckets.filter((b) => b.service === fn.owner)) {
      if (!resolved.bucketName) throw new Error(`This runtime resolves no buckets; ${bucket.id} is declared`);
      env[bucket.envVar] = resolved.bucketName(bucket.service, bucket.name);
    }
    if (m.functions.some((f) => f.owner === fn.owner && f.settings.sends.length)) {
      if (!resolved.messaging)
        throw new Error(`This runtime resolves no message provider; ${fn.owner} sends messages`);
      Object.assign(env, resolved.messaging);
    }
  }
  for (const name of fn.settings.integrations) {
    if (!resolved.integration)
      throw new Error(`This runtime resolves no integrations; ${fn.id} uses ${name}`);
    Object.assign(env, resolved.integration(name));
  }
  if (fn.kind === "http") Object.assign(env, resolved.auth);
  if (fn.kind === "publisher") {
    const table = m.tables.find((t) => t.service === fn.owner)!;
    const queueIds = [...new Set(Object.values(table.subscriptions).flat())];
    env.SUBSCRIPTIONS = JSON.stringify(table.subscriptions);
    env.SUBSCRIPTION_FILTERS = JSON.stringify(table.filters);
    env.QUEUE_URLS = JSON.stringify(Object.fromEntries(queueIds.map((id) => [id, resolved.queueUrl(id)])));
  }
  return env;
}
