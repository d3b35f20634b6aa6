import { parseArgs } from "node:util";
import { webhookBanner } from "./banner.ts";
import { PrerequisiteError } from "./prerequisites.ts";
import { localProcessEnvironment } from "./process-env.ts";

// Before the SDK and Powertools load (they read these at import), hence the dynamic imports below.
const logLevel = process.env.LOG_LEVEL ?? "INFO";
Object.assign(process.env, localProcessEnvironment(logLevel));
const { startStack } = await import("./stack.ts");
const { DEMO_CENTER_ID, centers, items, seedUsers } = await import("./seed-data.ts");

/**
 * `npm start`: the whole system on this machine. Options: `--persist DIR` keeps DynamoDB data and the S3 emulator's
 * objects; `--start-at ISO` starts the virtual clock at that instant (a demo or a test suite independent of today's
 * date); PORT (3000), DYNAMODB_PORT (8000), SQS_PORT (9324) and S3_PORT (4568, each emulator's own default) move the
 * ports; `--ready-json` prints one machine-readable line when ready (the integration tests read it); `--identity oidc`
 * (or LOCAL_IDENTITY=oidc) makes the runtime an external OpenID Connect provider signing RS256 tokens under a claim
 * mapping (IDENTITY_CLAIMS, or infra/local/auth.ts' example), as the AWS China target's provider is (issue 23).
 */
const { values } = parseArgs({
  options: {
    persist: { type: "string" },
    "ready-json": { type: "boolean", default: false },
    "no-seed": { type: "boolean", default: false },
    "start-at": { type: "string" },
    identity: { type: "string", default: process.env.LOCAL_IDENTITY || "local" },
  },
});

const { LOCAL_IDENTITIES } = await import("./auth.ts");
const identity = LOCAL_IDENTITIES.find((i) => i === values.identity);
if (!identity) {
  console.error(`--identity: one of ${LOCAL_IDENTITIES.join(", ")}, not ${values.identity}`);
  process.exit(2);
}

if (values["start-at"] !== undefined) {
  const at = Date.parse(values["start-at"]);
  if (Number.isNaN(at)) {
    console.error(`--start-at: not an ISO-8601 instant: ${values["start-at"]}`);
    process.exit(2);
  }
  // Before anything reads the clock: the seed, the scheduler's first times and the tokens all start there.
  const { startVirtualClockAt } = await import("#shared/clock.ts");
  startVirtualClockAt(new Date(at));
}

const num = (name: string, fallback: number) => {
  const v = process.env[name];
  return v === undefined || v === "" ? fallback : Number(v);
};

const started = Date.now();
try {
  const stack = await startStack({
    port: num("PORT", 3000),
    dynamodbPort: num("DYNAMODB_PORT", 8000),
    sqsPort: num("SQS_PORT", 9324),
    s3Port: num("S3_PORT", 4568),
    dataDir: values.persist,
    retrySeconds: num("LOCAL_RETRY_SECONDS", 1),
    seed: !values["no-seed"],
    logLevel,
    identity,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n[local] ${signal}: stopping…`);
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  if (values["ready-json"]) {
    console.log(
      `READY ${JSON.stringify({ url: stack.url, endpoints: stack.endpoints, tables: stack.tables, queues: stack.queues, buckets: stack.buckets, hotlineSecret: stack.hotlineSecret, ...(stack.auth.issuer ? { issuer: stack.auth.issuer.url } : {}) })}`,
    );
  } else {
    const tokens = await Promise.all(
      Object.entries(seedUsers).map(
        async ([name, p]) => `  ${name.padEnd(10)} ${(await stack.auth.mint(p, 12 * 3600)).token}`,
      ),
    );
    console.log(
      [
        "",
        `GovService is running at ${stack.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
        `  DynamoDB Local ${stack.endpoints.dynamodb}   SQS ${stack.endpoints.sqs}   S3 ${stack.endpoints.s3}   data: ${values.persist ?? "in memory"}`,
        "",
        `Seeded ${centers.length} centers and ${items.length} service items${stack.seeded ? "" : " (already present)"}; the demo:`,
        `  center ${DEMO_CENTER_ID}  ${centers.find((c) => c.id === DEMO_CENTER_ID)!.input.name}`,
        ...items.slice(0, 2).map((d) => `  item   ${d.id}  ${d.input.name}`),
        "",
        'Tokens (12 h; more with POST /_local/token {"user":"clerk"} or {"role":"admin","centerId":"…"}):',
        ...tokens,
        "",
        `Staff console (工作台): ${stack.url}/console/  — sign in as any seeded user`,
        "",
        `Try: curl ${stack.url}/v1/health`,
        `     curl ${stack.url}/v1/centers/${DEMO_CENTER_ID}`,
        `     curl '${stack.url}/v1/items?q=${encodeURIComponent("许可")}'`,
        `     curl ${stack.url}/v1/items/${items[0]!.id}/one-time-notice`,
        ...webhookBanner(stack.url, stack.hotlineSecret),
        "Local only: /_local/users  /_local/token  /_local/clock  /_local/drain  /_local/queues  /_local/faults  /_local/attempts  /_local/schedules",
        ...(stack.auth.issuer
          ? [
              `Identity: an external OpenID Connect provider (RS256), issuer ${stack.auth.issuer.url}`,
              `  ${stack.auth.issuer.url}/.well-known/openid-configuration  — claims as IDENTITY_CLAIMS maps them`,
              "",
            ]
          : []),
        "Ctrl-C stops everything.",
      ].join("\n"),
    );
  }
} catch (error) {
  if (error instanceof PrerequisiteError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error("[local] failed to start:", error);
  process.exit(1);
}
