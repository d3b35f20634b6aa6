import { readFileSync, realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  officialYear,
  scheduleIssues,
  yearScheduleInputSchema,
  type YearCalendar,
  type YearScheduleInput,
} from "#shared/calendar/holiday-schedule.ts";
import { dateOfEpochDay, epochDay } from "#shared/calendar/time-zone.ts";
import { WorkingCalendar } from "#shared/calendar/working-days.ts";

/**
 * Publish a year's holiday schedule (the State Council's notice) through the API, as the city center's
 * administration: `PUT /v1/calendar/years/{year}` at the version the API reports, so a correction made meanwhile is
 * refused, not overwritten. The file is checked here first with the same rules the API applies, and what changes
 * against the calendar in force is printed — the days that stop or start being working days.
 */
export interface PublishResult {
  year: number;
  version: number;
  workingDays: number;
  /** Working days of the calendar in force before, and the dates whose status changed. */
  before: { source: string; workingDays: number };
  changed: { date: string; now: "working" | "rest" }[];
}

export class PublishError extends Error {}

/** The schedule file: `{ holidays: [{ name, from, to }], makeUpWorkingDays: [...], notice: { number, date } }`. */
export function readSchedule(year: number, text: string): YearScheduleInput {
  const parsed = yearScheduleInputSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new PublishError(
      `The schedule file is not a schedule:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  const issues = scheduleIssues(year, parsed.data);
  if (issues.length) {
    throw new PublishError(
      `The ${year} schedule does not hold:\n${issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  return parsed.data;
}

/** The dates of `year` whose status the schedule changes against `before` (provisional or the previous version). */
export function changes(
  year: number,
  before: WorkingCalendar,
  after: WorkingCalendar,
): PublishResult["changed"] {
  const changed: PublishResult["changed"] = [];
  for (let day = epochDay(`${year}-01-01`); day <= epochDay(`${year}-12-31`); day++) {
    const date = dateOfEpochDay(day);
    const working = after.isWorkingDay(date);
    if (working !== before.isWorkingDay(date)) changed.push({ date, now: working ? "working" : "rest" });
  }
  return changed;
}

export async function publishCalendar(
  api: string,
  token: string,
  year: number,
  schedule: YearScheduleInput,
  options: { dryRun?: boolean; fetch?: typeof fetch } = {},
): Promise<PublishResult> {
  const call = options.fetch ?? fetch;
  const current = await call(`${api}/v1/calendar/years/${year}`);
  if (!current.ok) throw new PublishError(`GET ${api}/v1/calendar/years/${year} answered ${current.status}.`);
  const inForce = (await current.json()) as { source: string; version?: number; workingDays: number };
  // Unpublished, the year in force is the package's or the provisional one: what the calendar gives with nothing.
  const before = new WorkingCalendar(
    inForce.source === "official" ? [inForce as unknown as YearCalendar] : [],
  );
  const planned = new WorkingCalendar([
    officialYear(year, schedule, { version: 1, publishedAt: new Date().toISOString() }),
  ]);
  const changed = changes(year, before, planned);
  const version = inForce.source === "official" ? inForce.version! : 0;
  if (options.dryRun) {
    return {
      year,
      version,
      workingDays: planned.workingDaysInRange(`${year}-01-01`, `${year}-12-31`).length,
      before: { source: inForce.source, workingDays: inForce.workingDays },
      changed,
    };
  }
  const res = await call(`${api}/v1/calendar/years/${year}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ ...schedule, version }),
  });
  const body = (await res.json()) as { version?: number; workingDays?: number; detail?: string };
  if (!res.ok) throw new PublishError(`The API refused the schedule (${res.status}): ${body.detail ?? ""}`);
  return {
    year,
    version: body.version!,
    workingDays: body.workingDays!,
    before: { source: inForce.source, workingDays: inForce.workingDays },
    changed,
  };
}

const USAGE = `usage: npm run publish-calendar -- <year> <schedule.json> [--api URL] [--token JWT] [--dry-run]
  <year>           the year the State Council's notice is for, e.g. 2027
  <schedule.json>  { "holidays": [{ "name": "春节", "from": "2027-02-05", "to": "2027-02-11" }, …],
                     "makeUpWorkingDays": ["2027-01-31", …], "notice": { "number": "国办发明电〔…〕…号", "date": "…" } }
  --api            the API's base URL (default: GOV_API_URL, else http://127.0.0.1:\${PORT:-3000}, the local stack)
  --token          a city center administrator's token (default: GOV_API_TOKEN; the local stack mints one)
  --dry-run        check the file and show what changes, without publishing`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        api: { type: "string" },
        token: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const year = Number(positionals[0]);
  if (values.help || positionals.length !== 2 || !/^\d{4}$/.test(positionals[0]!)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const api = (
    values.api ??
    process.env.GOV_API_URL ??
    `http://127.0.0.1:${process.env.PORT || 3000}`
  ).replace(/\/$/, "");
  try {
    const schedule = readSchedule(year, readFileSync(positionals[1]!, "utf8"));
    let token = values.token ?? process.env.GOV_API_TOKEN;
    if (!token && !values["dry-run"]) {
      // Only the local stack mints tokens (/_local/token is never deployed).
      const minted = await fetch(`${api}/_local/token`, { method: "POST", body: '{"user":"cityAdmin"}' });
      if (!minted.ok)
        throw new PublishError("No token: give --token or GOV_API_TOKEN (a city center administrator's).");
      token = ((await minted.json()) as { token: string }).token;
    }
    const result = await publishCalendar(api, token ?? "", year, schedule, { dryRun: values["dry-run"] });
    console.log(
      `${year}: ${values["dry-run"] ? "would publish" : `published version ${result.version}`} — ` +
        `${result.workingDays} working days (was ${result.before.workingDays}, ${result.before.source})`,
    );
    for (const c of result.changed)
      console.log(`  ${c.date} is now a ${c.now === "rest" ? "rest day" : "working day"}`);
    return 0;
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    console.error(
      e instanceof PublishError || e instanceof SyntaxError
        ? e.message
        : e.cause?.code === "ECONNREFUSED"
          ? `No API at ${api}: is \`npm start\` running? (--api, GOV_API_URL)`
          : `publish failed: ${e.name}: ${e.message}`,
    );
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
