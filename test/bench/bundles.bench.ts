import { spawn } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { BUNDLE_OPTIONS, REPO_ROOT } from "#infra/aws/constructs/service-function.ts";
import { environmentFor, model, type FunctionModel, type Resolved } from "#infra/manifest.ts";
import { INTEGRATION_SECRETS, INTEGRATION_SETTINGS } from "#shared/config/integrations.ts";
import { signingKeyEnv } from "#shared/manifest/naming.ts";
import { median } from "./stats.ts";

/**
 * Every handler bundled the way CDK bundles it (infra/aws/constructs/service-function.ts: esbuild, CommonJS,
 * minified, node24, source map without sources, the AWS SDK bundled) — one bundle per handler entry of the manifest —
 * and each bundle's module initialization: `require` of the built file, as the Lambda runtime loads it, in a fresh Node
 * process with the AWS-shaped environment `environmentFor` gives it (dummy ARNs and URLs, as in a deployed stack),
 * timed from just before the require to just after, the median of `runs` processes. X-Ray stays off (no
 * AWS_EXECUTION_ENV), so the tracer is inert.
 */
export interface BundleFigure {
  entry: string;
  functions: string[];
  kib: number;
  /** Median init, ms; NaN when the module failed to load (see `error`). */
  initMs: number;
  initRuns: number[];
  error?: string;
  /** The module refused the environment its manifest entry gives it (init then timed with the auth variables). */
  envProblem?: string;
}

const OUT = join(REPO_ROOT, ".local/bench/bundles");

/** What a deployed stack would put in the environment, with placeholder values (infra/aws/stacks/service-stack.ts). */
const awsShaped: Resolved = {
  tableName: (s) => `govservice-${s}-BENCH`,
  queueUrl: (id) => `https://sqs.us-east-1.amazonaws.com/000000000000/${id}`,
  auth: {
    JWT_ISSUER: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_BENCH",
    JWT_AUDIENCE: "bench-client-id",
    JWKS_URL: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_BENCH/.well-known/jwks.json",
  },
  messaging: { MESSAGE_PROVIDER: "aws", EMAIL_FROM: "no-reply@govservice.example" },
  integration: (name) => ({
    [`${INTEGRATION_SECRETS[name]}_ARN`]: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-BENCH`,
    ...Object.fromEntries(INTEGRATION_SETTINGS[name].map((v) => [v, `https://${name}.invalid/callbacks`])),
  }),
  bucketName: (s, name) => `govservice-${s}-${name}-bench`,
  signingKey: (s, name) => ({
    [signingKeyEnv(s, name).kmsKeyId]:
      `arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-${s.length}${name.length}`,
  }),
};

export async function benchBundles(runs: number, progress: (line: string) => void): Promise<BundleFigure[]> {
  const byEntry = new Map<string, FunctionModel[]>();
  for (const fn of model.functions) byEntry.set(fn.entry, [...(byEntry.get(fn.entry) ?? []), fn]);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  progress(`bundling ${byEntry.size} handler entries (${model.functions.length} functions) with esbuild`);
  const entries = [...byEntry.keys()];
  // .cjs: the repository's package.json says "type": "module"; a function's asset has none, and its index.js is
  // CommonJS, which the Lambda runtime loads with require.
  const outFile = (entry: string) => join(OUT, entry.replace(/\.ts$/, ".cjs"));
  // One esbuild build with every entry and no code splitting: each output is the self-contained bundle CDK's
  // per-function build makes from that entry, built in one pass over the shared sources.
  const started = performance.now();
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: entries.map((e) => join(REPO_ROOT, e)),
    outbase: REPO_ROOT,
    outdir: OUT,
    ...BUNDLE_OPTIONS,
    outExtension: { ".js": ".cjs" },
    logLevel: "silent",
  });
  progress(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const figures: BundleFigure[] = [];
  let extra: Record<string, string> = {};
  for (const [n, entry] of entries.entries()) {
    if (n % 20 === 0)
      progress(`module init: bundle ${n + 1} of ${entries.length}, ${runs} fresh process(es) each`);
    const fns = byEntry.get(entry)!;
    const env = {
      ...environmentFor(fns[0]!, awsShaped),
      AWS_REGION: "us-east-1",
      AWS_LAMBDA_FUNCTION_NAME: fns[0]!.id,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fns[0]!.settings.memoryMb),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWERTOOLS_LOG_LEVEL: "WARN",
    };
    const times: number[] = [];
    let error: string | undefined;
    let envProblem: string | undefined;
    for (let r = 0; r < runs && !error; r++) {
      let result = await timeImport(outFile(entry), { ...env, ...extra });
      if (typeof result !== "number" && r === 0 && result.error.includes("Invalid environment")) {
        // The module asks for variables its manifest entry does not give it (a finding, reported); time it with the
        // HTTP functions' auth variables added, the only ones environmentFor withholds from non-HTTP functions.
        envProblem = result.error;
        extra = awsShaped.auth;
        result = await timeImport(outFile(entry), { ...env, ...extra });
      }
      if (typeof result === "number") times.push(result);
      else error = result.error;
    }
    extra = {};
    figures.push({
      entry,
      functions: fns.map((f) => f.id),
      kib: statSync(outFile(entry)).size / 1024,
      initMs: error ? Number.NaN : median(times),
      initRuns: times,
      error,
      envProblem,
    });
  }
  return figures;
}

/** What the fixed stack bundles before any of the project's code: test/bench/floor/, built as the handlers are. */
export interface StackFloor {
  entry: string;
  kib: number;
}

export async function benchStackFloors(): Promise<StackFloor[]> {
  const entries = ["test/bench/floor/stack.ts", "test/bench/floor/stack-s3.ts"];
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: entries.map((e) => join(REPO_ROOT, e)),
    outbase: REPO_ROOT,
    outdir: join(OUT, "floor"),
    ...BUNDLE_OPTIONS,
    write: false,
    logLevel: "silent",
  });
  return entries.map((entry) => {
    const js = result.outputFiles.find((f) => f.path.endsWith(entry.replace(/\.ts$/, ".js")))!;
    return { entry, kib: js.contents.byteLength / 1024 };
  });
}

/** Require one bundle in a fresh Node process (source maps off, as the functions run) and report how long it took. */
function timeImport(file: string, env: Record<string, string>): Promise<number | { error: string }> {
  const script = `const t0 = performance.now(); require(${JSON.stringify(file)}); console.log("INIT " + (performance.now() - t0));`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", script], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("INIT "));
      if (code === 0 && line) resolve(Number(line.slice(5)));
      else {
        const message =
          err.split("\n").find((l) => /^\w*Error: /.test(l)) ?? `exit ${code}: ${err.slice(0, 200)}`;
        resolve({ error: message.slice(0, 300) });
      }
    });
  });
}
