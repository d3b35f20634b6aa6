import { readFileSync, realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { model } from "#infra/manifest.ts";
import { commandLine } from "./command-line.ts";

/**
 * `npm run smoke -- --api URL`: the post-deploy check (issue 23, point 6). One line per check, and a non-zero exit when
 * any fails, so a pipeline stops on it:
 * - health: `GET /v1/health` answers `{"status":"ok"}`;
 * - contract: the deployed `GET /v1/openapi.json` parses, is this checkout's version (docs/openapi.json's
 *   `info.version`) and has every route the manifest declares — a stale or partial deploy shows here;
 * - sign-in: a token (`--token`, SMOKE_TOKEN, or `--local`: the local runtime mints a seeded administrator's) reads a
 *   protected route, and the same read without it is refused with 401 — the authorizer is on;
 * - catalog: the public catalog reads (centers, a center's items, items);
 * - synthetic case (`--synthetic-case --center ctr_…`): see `syntheticCase`.
 * Every request has its own timeout. No token or other secret is printed: only statuses and problem details.
 */

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}
const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

export interface SmokeOptions {
  api: string;
  token?: string;
  local?: boolean;
  timeoutMs: number;
  syntheticCase?: { centerId: string; clerkToken?: string };
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** A check that cannot go on: its line says why. */
class CheckFailed extends Error {
  override name = "CheckFailed";
}

/** The API could not be reached at all: the remaining checks would only say so again. */
class Unreachable extends CheckFailed {}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** One request with its own timeout; a network failure or timeout becomes a sentence naming the URL. */
export async function call(
  options: Pick<SmokeOptions, "api" | "timeoutMs">,
  method: string,
  path: string,
  init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const url = `${options.api}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: "application/json",
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === "TimeoutError")
      throw new Unreachable(`${method} ${url}: no answer within ${options.timeoutMs} ms`);
    const why = e.cause?.code ?? e.cause?.message ?? e.message;
    throw new Unreachable(`${method} ${url}: cannot reach the API (${why})`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** What an answer says about itself, short: a problem's title and detail, or the start of the body. */
function summary(answer: Answer): string {
  const problem = answer.body as { title?: string; detail?: string } | undefined;
  if (problem?.title)
    return `${answer.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ""}`;
  const text = answer.text.replace(/\s+/g, " ").slice(0, 120);
  return `${answer.status}${text ? ` ${text}` : ""}`;
}

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status)
    throw new CheckFailed(`${what} answered ${summary(answer)}, expected ${status}`);
}

async function health(options: SmokeOptions): Promise<string> {
  const started = Date.now();
  const answer = await call(options, "GET", "/v1/health");
  expectStatus(answer, 200, "GET /v1/health");
  if ((answer.body as { status?: unknown })?.status !== "ok")
    throw new CheckFailed(`GET /v1/health answered ${summary(answer)}, expected {"status":"ok"}`);
  return `GET /v1/health 200 {"status":"ok"} in ${Date.now() - started} ms`;
}

/** The contract version this checkout documents. */
const expectedVersion = () =>
  (
    JSON.parse(readFileSync(new URL("../docs/openapi.json", import.meta.url), "utf8")) as {
      info: { version: string };
    }
  ).info.version;

async function contract(options: SmokeOptions): Promise<string> {
  const answer = await call(options, "GET", "/v1/openapi.json");
  expectStatus(answer, 200, "GET /v1/openapi.json");
  const document = answer.body as
    | { openapi?: string; info?: { version?: string }; paths?: Record<string, Record<string, unknown>> }
    | undefined;
  if (!document?.openapi || !document.paths)
    throw new CheckFailed("GET /v1/openapi.json is not an OpenAPI document");
  const version = expectedVersion();
  if (document.info?.version !== version)
    throw new CheckFailed(
      `the deployed contract is version ${document.info?.version ?? "(none)"}, this checkout's docs/openapi.json ${version}: deploy this version, or check out the deployed one`,
    );
  const missing = model.routes
    .map(({ route }) => route)
    .filter((r) => !document.paths![r.path]?.[r.method.toLowerCase()])
    .map((r) => `${r.method} ${r.path}`);
  if (missing.length)
    throw new CheckFailed(
      `the deployed contract lacks ${missing.length} of the manifest's ${model.routes.length} routes: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}`,
    );
  return `OpenAPI ${document.openapi}, version ${version}, all ${model.routes.length} routes of the manifest`;
}

/**
 * The role and scope a token claims, plain or Cognito's `custom:` (read, not verified: only to say whose token a check
 * used, and which department's item a clerk can decide).
 */
function claims(token: string): { role?: unknown; centerId?: unknown; departmentId?: unknown } {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as Record<string, unknown>;
    const pick = (name: string) => payload[name] ?? payload[`custom:${name}`];
    return { role: pick("role"), centerId: pick("centerId"), departmentId: pick("departmentId") };
  } catch {
    return {};
  }
}

function claimedPrincipal(token: string): string {
  const { role, centerId } = claims(token);
  return typeof role === "string"
    ? `${role}${typeof centerId === "string" ? ` of ${centerId}` : ""}`
    : "a token";
}

/** The token the checks sign in with: given, or minted by the local runtime for its seeded administrator. */
async function signInToken(options: SmokeOptions): Promise<string> {
  if (options.token) return options.token;
  if (!options.local)
    throw new CheckFailed(
      "no token: give --token or SMOKE_TOKEN (a staff member's ID token), or --local against `npm start`",
    );
  // /_local/token exists only in the local runtime (never deployed).
  const minted = await call(options, "POST", "/_local/token", { body: { user: "admin" } });
  expectStatus(minted, 200, "POST /_local/token (--local)");
  const token = (minted.body as { token?: unknown })?.token;
  if (typeof token !== "string") throw new CheckFailed("POST /_local/token answered no token");
  return token;
}

/** A read every signed-in role may make, with nothing to name: the caller's own inbox. */
const PROTECTED_READ = "/v1/me/notifications";

async function signIn(options: SmokeOptions, token: string): Promise<string> {
  const withToken = await call(options, "GET", PROTECTED_READ, { token });
  expectStatus(withToken, 200, `GET ${PROTECTED_READ} with the token`);
  const without = await call(options, "GET", PROTECTED_READ);
  expectStatus(without, 401, `GET ${PROTECTED_READ} without a token`);
  return `GET ${PROTECTED_READ}: 200 as ${claimedPrincipal(token)}, 401 without the token`;
}

interface Page {
  items?: { id?: string }[];
}

async function catalogRead(options: SmokeOptions): Promise<string> {
  const centers = await call(options, "GET", "/v1/centers?limit=5");
  expectStatus(centers, 200, "GET /v1/centers");
  const items = await call(options, "GET", "/v1/items?limit=5");
  expectStatus(items, 200, "GET /v1/items");
  const first = (centers.body as Page)?.items?.[0]?.id;
  if (!Array.isArray((centers.body as Page)?.items) || !Array.isArray((items.body as Page)?.items))
    throw new CheckFailed("GET /v1/centers or /v1/items answered no page of items");
  if (!first)
    return "GET /v1/centers, /v1/items: 200, the catalog is empty — import the reference data (`npm run catalog -- import FILE`)";
  const center = await call(options, "GET", `/v1/centers/${first}`);
  expectStatus(center, 200, `GET /v1/centers/${first}`);
  const centerItems = await call(options, "GET", `/v1/centers/${first}/items?limit=5`);
  expectStatus(centerItems, 200, `GET /v1/centers/${first}/items`);
  const name = (center.body as { name?: string })?.name ?? first;
  return `GET /v1/centers, /v1/items, /v1/centers/${first} (${name}) and its items: 200`;
}

interface Check {
  name: string;
  run: () => Promise<string>;
}

/** The checks in order; each reports a line, and the first that finds the API unreachable skips the rest. */
export async function runSmoke(
  options: SmokeOptions,
  report: (result: CheckResult) => void,
): Promise<CheckResult[]> {
  const checks: Check[] = [
    { name: "health", run: () => health(options) },
    { name: "contract", run: () => contract(options) },
    { name: "sign-in", run: async () => signIn(options, await signInToken(options)) },
    { name: "catalog", run: () => catalogRead(options) },
  ];
  if (options.syntheticCase) {
    const synthetic = options.syntheticCase;
    checks.push({ name: "synthetic case", run: () => syntheticCase(options, synthetic) });
  }
  const results: CheckResult[] = [];
  let unreachable: string | undefined;
  for (const check of checks) {
    let result: CheckResult;
    if (unreachable) result = { name: check.name, ok: false, detail: `skipped: ${unreachable}` };
    else {
      try {
        result = { name: check.name, ok: true, detail: await check.run() };
      } catch (error) {
        if (error instanceof Unreachable) unreachable = `${check.name} could not reach the API`;
        const detail =
          error instanceof CheckFailed
            ? error.message
            : `${(error as Error).name}: ${(error as Error).message}`;
        result = { name: check.name, ok: false, detail };
      }
    }
    results.push(result);
    report(result);
  }
  return results;
}

/** Who the synthetic application is from: marked as such in every field a clerk or a report shows. */
export const SYNTHETIC_APPLICANT = {
  kind: "organisation",
  name: "部署冒烟检查（合成申请，请勿办理）",
  // A well-formed unified social credit code (GB 32100: 9 = registered with the market regulator, 1 = enterprise,
  // 110108 = Haidian, zeros for the organisation code) that belongs to nobody.
  creditCode: "911101080000000007",
  legalRepresentative: "冒烟检查",
  contact: { name: "冒烟检查", phone: "13800000000" },
} as const;

/** The account the synthetic cases belong to: no such user signs in, so nobody sees them in the portal. */
export const SYNTHETIC_OWNER = "smoke-check";

export const SYNTHETIC_REASON = "部署冒烟检查的合成申请，不予受理（不是真实办件）";

interface CenterItem {
  itemId: string;
  item?: { departmentId?: string; name?: string };
}

/** The clerk's token: given (`--clerk-token`, SMOKE_CLERK_TOKEN), or minted locally for the item's department. */
async function clerkToken(
  options: SmokeOptions,
  centerId: string,
  departmentId: string | undefined,
): Promise<string> {
  if (options.syntheticCase?.clerkToken) return options.syntheticCase.clerkToken;
  if (!options.local)
    throw new CheckFailed(
      "no clerk token: give --clerk-token or SMOKE_CLERK_TOKEN (a clerk of the test center), or --local against `npm start`",
    );
  const minted = await call(options, "POST", "/_local/token", {
    body: { role: "clerk", centerId, ...(departmentId ? { departmentId } : {}), sub: SYNTHETIC_OWNER },
  });
  expectStatus(minted, 200, "POST /_local/token (a clerk, --local)");
  return (minted.body as { token: string }).token;
}

/**
 * A synthetic case in a test center: a deployment takes, decides and seals an application end to end.
 * 1. A clerk of the center (the token's department's item, if it names one) submits a window application for an
 *    item resident there, from a synthetic organisation, notified only in the inbox of an account nobody has — no SMS
 *    or email leaves; then submits it again with the same Idempotency-Key, which must answer the same application.
 * 2. The clerk decides it: not accepted (不予受理, art. 27), with a reason saying it is synthetic — a final state, so no
 *    deadline runs, no review task is made and no warning will come (an accepted case would start the legal clock).
 * 3. The notice's seal verifies through the public verification route (the KMS key, or the local one).
 * The center's document series gains one number: use a test center, whose numbers are not the public's.
 */
async function syntheticCase(
  options: SmokeOptions,
  synthetic: NonNullable<SmokeOptions["syntheticCase"]>,
): Promise<string> {
  const { centerId } = synthetic;
  const claimedDepartment = synthetic.clerkToken
    ? (claims(synthetic.clerkToken).departmentId as string | undefined)
    : undefined;
  const listed = await call(
    options,
    "GET",
    `/v1/centers/${encodeURIComponent(centerId)}/items?status=resident&limit=20${claimedDepartment ? `&departmentId=${claimedDepartment}` : ""}`,
  );
  expectStatus(listed, 200, `GET /v1/centers/${centerId}/items`);
  const item = ((listed.body as { items?: CenterItem[] })?.items ?? [])[0];
  if (!item)
    throw new CheckFailed(
      `center ${centerId} has no resident item${claimedDepartment ? ` of the clerk's department ${claimedDepartment}` : ""} to apply for`,
    );
  const token = await clerkToken(options, centerId, item.item?.departmentId);
  const run = `smoke-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const submission = {
    itemId: item.itemId,
    centerId,
    channel: "window",
    applicantUserId: SYNTHETIC_OWNER,
    applicant: SYNTHETIC_APPLICANT,
    materials: [],
    notifications: { channels: ["inbox"] },
  };
  const submit = () =>
    call(options, "POST", "/v1/applications", {
      token,
      body: submission,
      headers: { "idempotency-key": `${run}-submit` },
    });
  const submitted = await submit();
  expectStatus(submitted, 201, "POST /v1/applications (synthetic)");
  const applicationId = (submitted.body as { id: string }).id;
  const again = await submit();
  expectStatus(again, 201, "POST /v1/applications again with its Idempotency-Key");
  if (
    (again.body as { id?: string }).id !== applicationId ||
    again.headers.get("idempotent-replayed") !== "true"
  )
    throw new CheckFailed(
      `POST /v1/applications again with its Idempotency-Key made ${(again.body as { id?: string }).id}, not a replay of ${applicationId}`,
    );
  const decided = await call(options, "POST", `/v1/applications/${applicationId}/acceptance`, {
    token,
    body: { outcome: "rejected", reasons: [SYNTHETIC_REASON] },
    headers: { "idempotency-key": `${run}-decide` },
  });
  expectStatus(decided, 200, `POST /v1/applications/${applicationId}/acceptance (not accepted: synthetic)`);
  const { application, document } = decided.body as {
    application: { state: string };
    document: { id: string; number: string };
  };
  if (application.state !== "rejected")
    throw new CheckFailed(`${applicationId} is ${application.state} after the decision, expected rejected`);
  const verified = await call(
    options,
    "GET",
    `/v1/applications/${applicationId}/documents/${document.id}/verify`,
  );
  expectStatus(verified, 200, "GET …/verify of the notice");
  const verification = verified.body as { valid?: boolean; algorithm?: string };
  if (verification.valid !== true)
    throw new CheckFailed(
      `the notice ${document.number} of ${applicationId} does not verify: ${summary(verified)}`,
    );
  return (
    `${applicationId} (${item.item?.name ?? item.itemId}) submitted, replayed by its Idempotency-Key, ` +
    `not accepted as synthetic with notice ${document.number}, sealed (${verification.algorithm ?? "?"}) and verified`
  );
}

const USAGE = `usage: npm run smoke -- --api URL [--token JWT | --local] [--timeout-ms N]
                         [--synthetic-case --center ctr_… [--clerk-token JWT]]
  --api             the API's base URL: the stack's ApiUrl output, its custom domain, or http://127.0.0.1:3000
  --token           a staff member's ID token for the sign-in check (default: SMOKE_TOKEN); never printed
  --local           against \`npm start\`: sign in as its seeded administrator (POST /_local/token)
  --timeout-ms      how long each request may take (default 10000)
  --synthetic-case  also submit a synthetic application in --center (a test center), decide it (not accepted,
                    marked synthetic) and verify its sealed notice; it takes a number of the center's series
  --center          the test center's id (ctr_…)
  --clerk-token     a clerk of the test center (default: SMOKE_CLERK_TOKEN; --local mints one); never printed`;

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: Io = consoleIo,
): Promise<number> {
  const parsed = commandLine(
    argv,
    {
      api: { type: "string" },
      token: { type: "string" },
      local: { type: "boolean", default: false },
      "timeout-ms": { type: "string" },
      "synthetic-case": { type: "boolean", default: false },
      center: { type: "string" },
      "clerk-token": { type: "string" },
    },
    USAGE,
    io.err,
  );
  if (!parsed) return EXIT.usage;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const usage = (message: string) => {
    io.err(`${message}\n${USAGE}`);
    return EXIT.usage;
  };
  if (positionals.length) return usage(`unexpected ${positionals.join(" ")}`);
  if (!values.api) return usage("--api is required");
  let api: URL;
  try {
    api = new URL(values.api);
  } catch {
    return usage(`--api ${JSON.stringify(values.api)} is not a URL`);
  }
  if (api.protocol !== "https:" && api.protocol !== "http:") return usage("--api: an http(s) URL");
  const timeoutMs = Number(values["timeout-ms"] ?? 10_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000)
    return usage("--timeout-ms: a whole number of milliseconds, 100 to 120000");
  const token = values.token ?? (env.SMOKE_TOKEN || undefined);
  if (token && values.local) return usage("give --token (or SMOKE_TOKEN) or --local, not both");
  if (values["synthetic-case"] && !values.center)
    return usage("--synthetic-case needs --center (a test center's id)");
  const options: SmokeOptions = {
    api: api.href.replace(/\/$/, ""),
    ...(token ? { token } : {}),
    local: values.local,
    timeoutMs,
    ...(values["synthetic-case"]
      ? {
          syntheticCase: {
            centerId: values.center!,
            ...((values["clerk-token"] ?? env.SMOKE_CLERK_TOKEN)
              ? { clerkToken: values["clerk-token"] ?? env.SMOKE_CLERK_TOKEN }
              : {}),
          },
        }
      : {}),
  };
  io.out(`smoke ${options.api}`);
  const width = 16;
  const results = await runSmoke(options, (r) =>
    io.out(`${r.ok ? "ok  " : "FAIL"}  ${r.name.padEnd(width)}${r.detail}`),
  );
  const failed = results.filter((r) => !r.ok).length;
  io.out(failed ? `${failed} of ${results.length} checks failed` : `all ${results.length} checks passed`);
  return failed ? EXIT.failed : EXIT.ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
