import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { httpApi } from "./catalog/api.ts";
import { importCatalog, type ImportReport } from "./catalog/import.ts";
import { installCityCenter, InstallError } from "./catalog/install.ts";
import { formatCatalog, parseCatalog, RECORD_KINDS, type RowIssue } from "./catalog/records.ts";
import { readSnapshot } from "./catalog/snapshot.ts";

const USAGE = `Reference data in and out through the API (issue 23):
  npm run catalog -- import FILE [--api URL] [--token T | --local] [--dry-run] [--json]
  npm run catalog -- export [--api URL] [--token T | --local] [--out FILE]
  npm run catalog -- install FILE --table CATALOG_TABLE [--endpoint URL]
install writes the file's city center (its one center without a parent) straight into a deployment's catalog table,
once, with your AWS credentials: the API never registers it (art. 4: it is set up with the system). It prints the
center's id, which the first administrator is scoped to (docs/deploy.md); run it again and it says it is there.
FILE is JSON Lines, one record a line (scripts/catalog/records.ts); infra/local/seed/catalog.jsonl is the local seed.
--api defaults to http://127.0.0.1:3000 (npm start). The token is an administrator's of the city center: --token, or
CATALOG_TOKEN in the environment (kept out of the shell's history), or --local to mint one from npm start's
/_local/token. Exit status: 0 when every row went in (or would), 1 when a row failed, 2 on a usage error.
An export holds the roster's ID and phone numbers: keep the file as personal data (DOMAIN.md), not in a repository.
The import never deletes: what the stack holds and the file does not is left as it is.`;

/** A local stack mints the city administration's token itself (infra/local/local-api.ts). */
async function localToken(api: string): Promise<string> {
  const res = await fetch(`${api.replace(/\/+$/, "")}/_local/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user: "cityAdmin" }),
  });
  if (!res.ok)
    throw new Error(`${api}/_local/token answered ${res.status}: --local works against npm start only`);
  return ((await res.json()) as { token: string }).token;
}

export function formatIssue(issue: RowIssue): string {
  return `line ${issue.line}${issue.path.length ? `, ${issue.path.join(".")}` : ""}: ${issue.message}`;
}

/** The report: per record type created / updated / unchanged / failed, then each failed row with its line and field. */
export function formatReport(report: ImportReport): string {
  const lines = [report.dryRun ? "Dry run: nothing written; what the import would do:" : "Imported:"];
  lines.push(
    `  ${"record".padEnd(11)}${["created", "updated", "unchanged", "failed"].map((h) => h.padStart(10)).join("")}`,
  );
  for (const kind of [...RECORD_KINDS, "unknown" as const]) {
    const c = report.counts[kind];
    if (c.created + c.updated + c.unchanged + c.failed === 0) continue;
    lines.push(
      `  ${kind.padEnd(11)}${[c.created, c.updated, c.unchanged, c.failed].map((n) => String(n).padStart(10)).join("")}`,
    );
  }
  for (const o of report.outcomes.filter((o) => o.action === "updated"))
    lines.push(`  updated  line ${o.line} ${o.kind} ${o.key}: ${o.fields!.join(", ")}`);
  for (const o of report.outcomes.filter((o) => o.action === "failed"))
    for (const issue of o.issues ?? [])
      lines.push(`  FAILED   ${o.kind} ${o.key}, ${formatIssue({ line: o.line, ...issue })}`);
  return lines.join("\n");
}

/** `install`: the file's city center into the deployment's catalog table (scripts/catalog/install.ts). */
async function install(file: string, table: string, endpoint: string | undefined): Promise<number> {
  const { rows, issues } = parseCatalog(readFileSync(file, "utf8"));
  if (endpoint) {
    // DynamoDB Local (a test, or npm start's emulator): any credentials and region do.
    process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
    process.env.AWS_REGION ??= "local";
    process.env.AWS_ACCESS_KEY_ID ??= "local";
    process.env.AWS_SECRET_ACCESS_KEY ??= "local";
  }
  try {
    const outcome = await installCityCenter(rows, { table });
    console.log(
      outcome.action === "installed"
        ? `installed the city center ${outcome.name}: ${outcome.id}`
        : `the city center ${outcome.name} is already installed: ${outcome.id}`,
    );
    if (issues.length)
      console.log(`(${issues.length} other line(s) of the file have problems: see import --dry-run)`);
    return 0;
  } catch (error) {
    console.error(
      error instanceof InstallError
        ? error.message
        : `install failed: ${(error as Error).name}: ${(error as Error).message}`,
    );
    return 1;
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      api: { type: "string", default: process.env.CATALOG_API ?? "http://127.0.0.1:3000" },
      token: { type: "string" },
      local: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      out: { type: "string" },
      json: { type: "boolean", default: false },
      table: { type: "string" },
      endpoint: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  const [command, file] = positionals;
  if (
    values.help ||
    !command ||
    !["import", "export", "install"].includes(command) ||
    (command !== "export" && !file) ||
    (command === "install" && !values.table)
  ) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === "install") return install(file!, values.table!, values.endpoint);
  const token = values.local ? await localToken(values.api) : (values.token ?? process.env.CATALOG_TOKEN);
  if (!token) {
    console.error("An administrator's token is needed: --token, CATALOG_TOKEN, or --local.\n\n" + USAGE);
    return 2;
  }
  const api = httpApi(values.api, token);

  if (command === "export") {
    const text = formatCatalog((await readSnapshot(api)).records);
    if (values.out) writeFileSync(values.out, text);
    else process.stdout.write(text);
    return 0;
  }

  const report = await importCatalog(api, parseCatalog(readFileSync(file!, "utf8")), {
    dryRun: values["dry-run"],
    file,
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.outcomes.some((o) => o.action === "failed") ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
}
