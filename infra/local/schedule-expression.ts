import type { ScheduleExpression } from "#shared/manifest/types.ts";

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

export function rateMs(rate: string): number {
  const [n, unit] = rate.split(" ") as [string, string];
  const ms = UNIT_MS[unit.replace(/s$/, "") as keyof typeof UNIT_MS];
  if (!ms || !(Number(n) > 0)) throw new Error(`Invalid rate: ${rate}`);
  return Number(n) * ms;
}

/**
 * The next firing strictly after `after`, in UTC like EventBridge. Cron takes EventBridge's six fields
 * (minute hour day-of-month month day-of-week year) with `*`, `?`, lists, ranges and steps; `L`, `W` and `#` are
 * refused rather than guessed.
 */
export function nextFire(expression: ScheduleExpression, after: Date, anchor: Date): Date {
  if ("rate" in expression) {
    const period = rateMs(expression.rate);
    const n = Math.floor((after.getTime() - anchor.getTime()) / period) + 1;
    return new Date(anchor.getTime() + n * period);
  }
  const matcher = parseCron(expression.cron);
  const t = new Date(after);
  t.setUTCSeconds(0, 0);
  for (let i = 0; i < 366 * 24 * 60 * 5; i++) {
    t.setUTCMinutes(t.getUTCMinutes() + 1);
    if (matcher(t)) return new Date(t);
  }
  throw new Error(`cron(${expression.cron}) never fires`);
}

function parseCron(cron: string): (t: Date) => boolean {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`cron(${cron}) needs 6 fields`);
  if (/[LW#]/.test(cron))
    throw new Error(`cron(${cron}): L, W and # are not supported by the local scheduler`);
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  const m = [
    field(min, 0, 59),
    field(hour, 0, 23),
    field(dom, 1, 31),
    field(month, 1, 12, MONTHS, 1),
    field(dow, 1, 7, DAYS, 1),
    field(year, 1970, 2199),
  ];
  return (t) =>
    m[0]!(t.getUTCMinutes()) &&
    m[1]!(t.getUTCHours()) &&
    m[2]!(t.getUTCDate()) &&
    m[3]!(t.getUTCMonth() + 1) &&
    m[4]!(t.getUTCDay() + 1) &&
    m[5]!(t.getUTCFullYear());
}

function field(spec: string, lo: number, hi: number, names: string[] = [], base = 0): (v: number) => boolean {
  if (spec === "*" || spec === "?") return () => true;
  const value = (s: string) => {
    const i = names.indexOf(s.toUpperCase());
    const v = i >= 0 ? i + base : Number(s);
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`cron field value out of range: ${s}`);
    return v;
  };
  const allowed = new Set<number>();
  for (const part of spec.split(",")) {
    const [range, stepText] = part.split("/") as [string, string | undefined];
    const step = stepText ? Number(stepText) : 1;
    const [from, to] =
      range === "*"
        ? [lo, hi]
        : range.includes("-")
          ? range.split("-").map(value)
          : [value(range), stepText ? hi : value(range)];
    for (let v = from!; v <= to!; v += step) allowed.add(v);
  }
  return (v) => allowed.has(v);
}
