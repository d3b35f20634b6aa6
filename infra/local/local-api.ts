import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import * as z from "zod";
import { principalSchema } from "#shared/auth/principal.ts";
import { ROLES } from "#shared/auth/roles.ts";
import { clock, setVirtualOffsetMs, virtualOffsetMs } from "#shared/clock.ts";
import type { LocalAuth } from "./auth.ts";
import type { RestartableDynamoDbLocal } from "./dynamodb-local.ts";
import type { ConsumerFaults } from "./faults.ts";
import type { FakeHotline } from "./fake-hotline.ts";
import type { Outbox } from "./outbox.ts";
import type { LocalRouteHandler } from "./http-server.ts";
import type { Scheduler } from "./scheduler.ts";
import { centers, departments, seedUsers, staff } from "./seed-data.ts";

export interface LocalApiDeps {
  auth: LocalAuth;
  scheduler: Scheduler;
  faults: ConsumerFaults;
  outbox: Outbox;
  sqs: SQSClient;
  queues: Map<string, { url: string }>;
  drain: (timeoutMs: number) => Promise<{ idle: boolean; waitedMs: number; busy: string[] }>;
  hotline: FakeHotline;
  /** The emulator under the runtime, for outage drills (`/_local/dynamodb/stop|start`). */
  dynamodb?: RestartableDynamoDbLocal;
  /** Whether the seed data is in and its events consumed (`/_local/ready`). */
  ready: () => boolean;
}

const tokenRequest = z.union([
  z.object({
    user: z.enum(Object.keys(seedUsers) as [keyof typeof seedUsers]),
    expiresInSeconds: z.number().int().min(1).max(86_400).default(43_200),
  }),
  z.object({
    role: z.enum(ROLES),
    sub: z.string().min(1).optional(),
    centerId: z.string().min(1).optional(),
    departmentId: z.string().min(1).optional(),
    /** An applicant account's real-name verified identity, and the organisations it acts for (issue 15). */
    verifiedIdentity: z.object({ idNumber: z.string(), name: z.string() }).optional(),
    organisations: z.array(z.string()).optional(),
    expiresInSeconds: z.number().int().min(1).max(86_400).default(43_200),
  }),
]);

/**
 * Any claims signed by the local OIDC provider (`--identity oidc`): what a provider would sign if its administrator
 * configured it so — a role that maps to none, another audience — for the tests of what the API refuses.
 */
const issuerTokenRequest = z.object({
  claims: z.record(z.string(), z.unknown()),
  expiresInSeconds: z.number().int().min(1).max(86_400).default(3_600),
  /** PS256 signs with the provider's own RSA key under another algorithm, which JWT_ALGORITHMS refuses. */
  alg: z.enum(["RS256", "PS256"]).default("RS256"),
});

const clockRequest = z
  .object({
    advance: z.union([z.number().int().positive(), z.string()]).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine(
    (b) => (b.advance === undefined) !== (b.to === undefined),
    "give exactly one of `advance` and `to`",
  );

const faultRequest = z.object({
  consumer: z.string().min(1),
  eventType: z.string().optional(),
  eventId: z.string().optional(),
  phase: z.enum(["before", "after"]).default("before"),
  /** null = every attempt. With `share`: per chosen event. */
  times: z.number().int().positive().nullable().default(1),
  /** Fail only this share of the events (chosen by a hash of consumer and event id). */
  share: z.number().gt(0).max(1).optional(),
});

const outboxFault = z.object({
  channel: z.enum(["sms", "email"]).optional(),
  /** null = every send. */
  times: z.number().int().positive().nullable().default(1),
  kind: z.enum(["temporary", "permanent"]).default("temporary"),
});

const hotlineFault = z.object({ times: z.number().int().min(0).nullable() });

const problem = (status: number, detail: string, errors?: unknown) => ({
  status,
  body: {
    type: "urn:govservice:problem:local",
    title: "Local runtime",
    status,
    detail,
    ...(errors ? { errors } : {}),
  },
});

/** `/_local/*`: tokens, virtual time, drain, queues, fault injection and schedules — local only, never deployed. */
export function localApi(deps: LocalApiDeps): LocalRouteHandler {
  return async ({ method, path, query, body, rawBody, headers }) => {
    const key = `${method} ${path.replace(/\/schedules\/[^/]+\/(run|pause|resume)$/, "/schedules/{id}/$1")}`;
    switch (key) {
      case "GET /_local/ready":
        // The API answers while the seed is still being written; browser tests and scripts wait for this instead.
        return deps.ready()
          ? { status: 200, body: { ready: true } }
          : { status: 503, headers: { "retry-after": "1" }, body: { ready: false } };
      case "GET /_local/users":
        // The seeded users the console's local sign-in lists: who they are on the roster, never a token.
        return {
          status: 200,
          body: {
            items: Object.entries(seedUsers).map(([user, principal]) => {
              const onRoster = staff.find((s) => s.input.userId === principal.sub);
              // Not on a roster (a department's own window, a back office): named by where they act.
              const where =
                ("verifiedIdentity" in principal && principal.verifiedIdentity.name) ||
                ("departmentId" in principal &&
                  departments.find((d) => d.id === principal.departmentId)?.input.name) ||
                ("centerId" in principal && centers.find((c) => c.id === principal.centerId)?.input.name) ||
                user;
              return {
                user,
                label: onRoster ? `${onRoster.input.name} · ${onRoster.input.duty}` : where,
                principal,
              };
            }),
          },
        };
      case "POST /_local/token": {
        const parsed = tokenRequest.safeParse(body);
        if (!parsed.success)
          return problem(400, "Give `user` (a seeded user) or `role`.", parsed.error.issues);
        const request = parsed.data;
        const principal =
          "user" in request
            ? seedUsers[request.user]
            : principalSchema.safeParse({ sub: request.sub ?? `usr_local_${request.role}`, ...request });
        if ("success" in principal && !principal.success)
          return problem(400, "Staff tokens need a centerId.", principal.error.issues);
        const p = "success" in principal ? principal.data! : principal;
        try {
          return {
            status: 200,
            body: { ...(await deps.auth.mint(p, request.expiresInSeconds)), principal: p },
          };
        } catch (error) {
          // IDENTITY_CLAIMS cannot express this principal (a role its roleValues do not name, a field set to null).
          return problem(400, (error as Error).message);
        }
      }
      case "GET /_local/oidc/.well-known/openid-configuration":
      case "GET /_local/oidc/.well-known/jwks.json": {
        const issuer = deps.auth.issuer;
        if (!issuer) return problem(404, "Not an OpenID Connect provider: start with --identity oidc.");
        return { status: 200, body: path.endsWith("/jwks.json") ? issuer.jwks : issuer.discovery };
      }
      case "POST /_local/oidc/token": {
        const issuer = deps.auth.issuer;
        if (!issuer) return problem(404, "Not an OpenID Connect provider: start with --identity oidc.");
        const parsed = issuerTokenRequest.safeParse(body);
        if (!parsed.success) return problem(400, "Give `claims` to sign.", parsed.error.issues);
        const { claims, expiresInSeconds, alg } = parsed.data;
        return { status: 200, body: { token: await issuer.sign(claims, { expiresInSeconds, alg }) } };
      }
      case "POST /_local/hotline/callbacks":
        return deps.hotline.receive(headers, rawBody);
      case "GET /_local/hotline/callbacks":
        return {
          status: 200,
          body: {
            attempts: deps.hotline.attempts,
            attemptsByOrder: Object.fromEntries(deps.hotline.attemptsByOrder),
            callbacks: deps.hotline.received,
          },
        };
      case "POST /_local/hotline/faults": {
        const parsed = hotlineFault.safeParse(body);
        if (!parsed.success)
          return problem(400, "Give `times` (a count, 0 to stop, or null for every request).");
        deps.hotline.failNext(parsed.data.times);
        return { status: 200, body: parsed.data };
      }
      case "GET /_local/clock":
        return { status: 200, body: { now: clock.now().toISOString(), offsetMs: virtualOffsetMs() } };
      case "POST /_local/clock": {
        const parsed = clockRequest.safeParse(body);
        if (!parsed.success)
          return problem(400, "Give `advance` (ms or ISO-8601 duration) or `to`.", parsed.error.issues);
        const target = parsed.data.to
          ? Date.parse(parsed.data.to)
          : clock.now().getTime() + durationMs(parsed.data.advance!);
        if (Number.isNaN(target)) return problem(400, "Not an ISO-8601 duration, e.g. PT2H or P3D.");
        const offset = target - Date.now();
        if (offset < virtualOffsetMs()) return problem(409, "Virtual time only moves forward.");
        // The timer's own tick may fire what came due before this one runs: report every run since the move.
        const mark = deps.scheduler.mark();
        setVirtualOffsetMs(offset);
        await deps.scheduler.tick();
        const fired = deps.scheduler.since(mark);
        return { status: 200, body: { now: clock.now().toISOString(), offsetMs: virtualOffsetMs(), fired } };
      }
      case "POST /_local/drain": {
        const timeoutMs = Number(query.get("timeoutMs") ?? 30_000);
        const result = await deps.drain(timeoutMs);
        return result.idle
          ? { status: 200, body: result }
          : problem(504, `Still busy: ${result.busy.join(", ")}`);
      }
      case "GET /_local/queues": {
        const depths = await Promise.all(
          [...deps.queues].map(async ([name, { url }]) => {
            const { Attributes = {} } = await deps.sqs.send(
              new GetQueueAttributesCommand({
                QueueUrl: url,
                AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
              }),
            );
            return [
              name,
              {
                messages: Number(Attributes.ApproximateNumberOfMessages ?? 0),
                inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
                url,
              },
            ];
          }),
        );
        return { status: 200, body: Object.fromEntries(depths) };
      }
      case "POST /_local/faults": {
        const parsed = faultRequest.safeParse(body);
        if (!parsed.success) return problem(400, "Invalid fault rule.", parsed.error.issues);
        deps.faults.add({ ...parsed.data, times: parsed.data.times ?? Infinity });
        return { status: 201, body: parsed.data };
      }
      case "DELETE /_local/faults":
        deps.faults.clear();
        return { status: 200, body: { cleared: true } };
      case "GET /_local/attempts": {
        const eventId = query.get("eventId");
        const consumer = query.get("consumer");
        const attempts = deps.faults.attempts.filter(
          (a) => (!eventId || a.eventId === eventId) && (!consumer || a.consumer === consumer),
        );
        return { status: 200, body: { attempts } };
      }
      case "GET /_local/outbox": {
        const notificationId = query.get("notificationId");
        const channel = query.get("channel");
        const messages = deps.outbox.entries.filter(
          (m) =>
            (!notificationId || m.notificationId === notificationId) && (!channel || m.channel === channel),
        );
        const attempts = notificationId ? (deps.outbox.attempts.get(notificationId) ?? 0) : undefined;
        return { status: 200, body: { messages, ...(attempts === undefined ? {} : { attempts }) } };
      }
      case "POST /_local/outbox/faults": {
        const parsed = outboxFault.safeParse(body);
        if (!parsed.success) return problem(400, "Invalid outbox fault.", parsed.error.issues);
        deps.outbox.addFault({ ...parsed.data, times: parsed.data.times ?? Infinity });
        return { status: 201, body: parsed.data };
      }
      case "DELETE /_local/outbox/faults":
        deps.outbox.clearFaults();
        return { status: 200, body: { cleared: true } };
      case "GET /_local/dynamodb":
      case "POST /_local/dynamodb/stop":
      case "POST /_local/dynamodb/start":
        return dynamodbDrill(
          deps.dynamodb,
          path.endsWith("/stop") ? "stop" : path.endsWith("/start") ? "start" : "get",
        );
      case "GET /_local/schedules":
        return { status: 200, body: { schedules: deps.scheduler.status(), runs: deps.scheduler.runs } };
      case "POST /_local/schedules/{id}/run": {
        const id = path.split("/")[3]!;
        if (!deps.scheduler.status().some((s) => s.id === id)) return problem(404, `No schedule ${id}.`);
        return { status: 200, body: await deps.scheduler.runNow(id) };
      }
      case "POST /_local/schedules/{id}/pause":
      case "POST /_local/schedules/{id}/resume": {
        const [, , , id, action] = path.split("/");
        if (!deps.scheduler.status().some((s) => s.id === id)) return problem(404, `No schedule ${id}.`);
        deps.scheduler.setPaused(id!, action === "pause");
        return { status: 200, body: deps.scheduler.status().find((s) => s.id === id) };
      }
      default:
        return problem(
          404,
          "No such local endpoint. See README: /_local/ready, /_local/users, /_local/token, /_local/clock, /_local/drain, /_local/queues, /_local/faults, /_local/attempts, /_local/schedules, /_local/oidc (with --identity oidc).",
        );
    }
  };
}

/**
 * Take DynamoDB Local away under the running runtime and bring it back on the same port and data, to show requests
 * get a quick 503 meanwhile and nothing acknowledged is lost. Only with `--persist`: in memory the data would be gone.
 */
async function dynamodbDrill(
  dynamodb: RestartableDynamoDbLocal | undefined,
  action: "get" | "stop" | "start",
) {
  if (!dynamodb) return problem(404, "This runtime does not manage DynamoDB Local.");
  const started = Date.now();
  if (action === "stop") {
    if (!dynamodb.persisted)
      return problem(
        409,
        "DynamoDB Local runs in memory: stopping it would lose the data. Start with --persist DIR.",
      );
    await dynamodb.stop();
  } else if (action === "start") {
    await dynamodb.start();
  }
  return {
    status: 200,
    body: { running: dynamodb.running, persisted: dynamodb.persisted, tookMs: Date.now() - started },
  };
}

/** ISO-8601 durations (P1DT2H30M, PT90S, P2W) or milliseconds. */
export function durationMs(value: number | string): number {
  if (typeof value === "number") return value;
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m || value === "P" || value.endsWith("T")) return NaN;
  const [, w, d, h, min, s] = m.map((x) => Number(x ?? 0));
  return ((((w! * 7 + d!) * 24 + h!) * 60 + min!) * 60 + s!) * 1000;
}
