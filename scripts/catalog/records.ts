import * as z from "zod";
import { centerInputSchema, centerProfileSchema } from "#services/catalog/domain/center.ts";
import { departmentInputSchema } from "#services/catalog/domain/department.ts";
import { guideContentSchema } from "#services/catalog/domain/guide.ts";
import { itemInputSchema } from "#services/catalog/domain/item.ts";
import { itemStatusInputSchema } from "#services/catalog/domain/item-status.ts";
import { staffInputSchema, trainingSchema } from "#services/catalog/domain/staff.ts";
import { stationInputSchema } from "#services/catalog/domain/station.ts";
import { windowInputSchema } from "#services/catalog/domain/window.ts";

/**
 * The catalog file (issue 23, point 4): JSON Lines, one record a line, each naming its `record` type — not `kind`,
 * which centers and stations already use for their own kind. Records refer to each other by code, never by a
 * generated id, so the export of any stack holding the same catalog is the same file:
 * - a center by its name (the API keeps no code for centers);
 * - a department or a station by its center and its name;
 * - an item by its code (unique across the catalog, art. 17);
 * - a window by its center and its code (A01);
 * - a staff member by their center and their name.
 * A record's own fields are the API's input fields, with defaults filled in; `id` fields become the references above.
 * Dependency order: centers (parents first), departments, stations, items with their guide in force, statuses,
 * windows, staff (a supervising colleague before their intern).
 */

const name = z.string().trim().min(1).max(200);

/** One record type: its references (by code), its own fields (the API's input), and which fields make its key. */
interface RecordType {
  refs: z.ZodObject;
  body: z.ZodObject;
  key: readonly string[];
}

const types = {
  center: {
    key: ["name"],
    refs: z.object({ parent: name.optional(), comprehensiveCenter: name.optional() }),
    // Level and kind first: what a reader of the file looks for after the name.
    body: centerInputSchema
      .pick({ level: true, kind: true, remoteMountain: true })
      .extend(centerProfileSchema.shape),
  },
  department: {
    key: ["center", "name"],
    refs: z.object({ center: name }),
    body: departmentInputSchema,
  },
  station: {
    key: ["center", "name"],
    refs: z.object({ center: name }),
    body: stationInputSchema,
  },
  item: {
    key: ["code"],
    refs: z.object({ center: name, department: name }),
    // The guide in force (art. 20): publishing is a new version, so the item row carries only the content.
    body: itemInputSchema.omit({ departmentId: true }).extend({ guide: guideContentSchema.optional() }),
  },
  status: {
    key: ["center", "item"],
    refs: z.object({ center: name, item: itemInputSchema.shape.code }),
    body: itemStatusInputSchema,
  },
  window: {
    key: ["center", "code"],
    refs: z.object({
      center: name,
      department: name.optional(),
      items: z.array(itemInputSchema.shape.code).max(500).default([]),
    }),
    body: windowInputSchema.omit({ departmentId: true, itemIds: true }),
  },
  staff: {
    key: ["center", "name"],
    refs: z.object({
      center: name,
      department: name.optional(),
      window: windowInputSchema.shape.code.optional(),
      internship: z.strictObject({ startedOn: z.iso.date(), supervisor: name }).optional(),
      /** Appointed chief representative of their department in their center (art. 44). */
      chiefRepresentative: z.literal(true).optional(),
    }),
    body: staffInputSchema
      .omit({ centerId: true, departmentId: true, windowId: true, internship: true })
      .extend({ training: z.array(trainingSchema).min(1).optional() }),
  },
} as const satisfies Record<string, RecordType>;

export type RecordKind = keyof typeof types;
export const RECORD_KINDS = Object.keys(types) as RecordKind[];

type Parsed<K extends RecordKind> = { record: K } & z.output<(typeof types)[K]["refs"]> &
  z.output<(typeof types)[K]["body"]>;
export type CenterRecord = Parsed<"center">;
export type DepartmentRecord = Parsed<"department">;
export type StationRecord = Parsed<"station">;
export type ItemRecord = Parsed<"item">;
export type StatusRecord = Parsed<"status">;
export type WindowRecord = Parsed<"window">;
export type StaffRecord = Parsed<"staff">;
export type CatalogRecord =
  CenterRecord | DepartmentRecord | StationRecord | ItemRecord | StatusRecord | WindowRecord | StaffRecord;

/** A problem with one row: the line (1-based), the field's path in the row, and what is wrong. */
export interface RowIssue {
  line: number;
  path: (string | number)[];
  message: string;
}

/** A row as read: its line and its record, canonical (defaults filled in, fields in the order of the format). */
export interface Row<R extends CatalogRecord = CatalogRecord> {
  line: number;
  record: R;
}

/** `center` + `name` → "北京市海淀区政务服务中心 / 海淀区民政局": how the report and the key maps name a record. */
export function keyOf(record: CatalogRecord): string {
  const fields = types[record.record].key as readonly string[];
  return fields.map((f) => String((record as Record<string, unknown>)[f])).join(" / ");
}

/**
 * Check one record against its type: references and own fields, unknown fields refused (a misspelt field would
 * otherwise vanish). Answers the canonical record, or the issues with their paths in the row.
 */
export function parseRecord(
  value: unknown,
): { ok: true; record: CatalogRecord } | { ok: false; issues: Omit<RowIssue, "line">[] } {
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { ok: false, issues: [{ path: [], message: "a JSON object per line" }] };
  const row = value as Record<string, unknown>;
  const kind = row.record;
  if (typeof kind !== "string" || !(kind in types))
    return { ok: false, issues: [{ path: ["record"], message: `one of ${RECORD_KINDS.join(", ")}` }] };
  const type: RecordType = types[kind as RecordKind];
  const refFields = Object.keys(type.refs.shape);
  const bodyFields = Object.keys(type.body.shape);
  const issues: Omit<RowIssue, "line">[] = Object.keys(row)
    .filter((f) => f !== "record" && !refFields.includes(f) && !bodyFields.includes(f))
    .map((f) => ({ path: [f], message: "unknown field" }));
  const pick = (fields: string[]) =>
    Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]]));
  const refs = type.refs.safeParse(pick(refFields));
  const body = type.body.safeParse(pick(bodyFields));
  for (const result of [refs, body])
    if (!result.success)
      issues.push(
        ...result.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })),
      );
  if (issues.length || !refs.success || !body.success) return { ok: false, issues };
  return { ok: true, record: canonical(kind as RecordKind, refs.data, body.data) };
}

/** `record`, the key's fields, the references, then the own fields: one order for every file, exported or written. */
function canonical(kind: RecordKind, refs: object, body: object): CatalogRecord {
  const all: Record<string, unknown> = { ...refs, ...body };
  const out: Record<string, unknown> = { record: kind };
  for (const f of [...types[kind].key, ...Object.keys(refs), ...Object.keys(body)])
    if (all[f] !== undefined && !(f in out)) out[f] = all[f];
  return out as unknown as CatalogRecord;
}

/** A line that is not a valid record: its problems, and what it names where that can be told (for its dependents). */
export interface Rejected {
  line: number;
  kind?: RecordKind;
  key?: string;
  issues: RowIssue[];
}

/** Read a catalog file: every line checked, blank lines and `#` comments skipped. */
export function parseCatalog(text: string): { rows: Row[]; rejected: Rejected[]; issues: RowIssue[] } {
  const rows: Row[] = [];
  const rejected: Rejected[] = [];
  const issues: RowIssue[] = [];
  // `value` for a malformed record: what it names, so the rows naming it fail with it. A duplicate gives none: the
  // first record of that key stands.
  const reject = (line: number, found: Omit<RowIssue, "line">[], value?: unknown) => {
    const lineIssues = found.map((i) => ({ line, ...i }));
    issues.push(...lineIssues);
    const raw = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
    const kind =
      typeof raw.record === "string" && raw.record in types ? (raw.record as RecordKind) : undefined;
    const parts = kind ? types[kind].key.map((f) => raw[f]) : [];
    const key = parts.length && parts.every((p) => typeof p === "string") ? parts.join(" / ") : undefined;
    rejected.push({ line, ...(kind ? { kind } : {}), ...(key ? { key } : {}), issues: lineIssues });
  };
  const seen = new Map<string, number>();
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const source = raw.trim();
    if (source === "" || source.startsWith("#")) return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      reject(line, [{ path: [], message: `not JSON: ${(error as Error).message}` }]);
      return;
    }
    const parsed = parseRecord(value);
    if (!parsed.ok) {
      reject(line, parsed.issues, value);
      return;
    }
    const id = `${parsed.record.record}:${keyOf(parsed.record)}`;
    const first = seen.get(id);
    if (first !== undefined) {
      const fields = types[parsed.record.record].key;
      reject(line, [
        { path: [fields.at(-1)!], message: `the same ${parsed.record.record} as line ${first}` },
      ]);
      return;
    }
    seen.set(id, line);
    rows.push({ line, record: parsed.record });
  });
  return { rows, rejected, issues };
}

/** One line per record, canonical: what `export` writes and what the seed file holds. */
export function formatCatalog(records: readonly CatalogRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : "");
}
