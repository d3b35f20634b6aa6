import { createHash } from "node:crypto";
import { checkChiefRepresentative } from "#services/catalog/domain/department.ts";
import { checkStaffShape } from "#services/catalog/domain/staff.ts";
import { checkWindow } from "#services/catalog/domain/window.ts";
import { ApiError, type Api } from "./api.ts";
import {
  keyOf,
  RECORD_KINDS,
  type CatalogRecord,
  type CenterRecord,
  type ItemRecord,
  type RecordKind,
  type Rejected,
  type Row,
  type RowIssue,
  type StaffRecord,
  type WindowRecord,
} from "./records.ts";
import { readSnapshot, Snapshot, type Stored } from "./snapshot.ts";

export type Action = "created" | "updated" | "unchanged" | "failed";

export interface Outcome {
  line: number;
  /** `unknown` for a line whose record type could not be read. */
  kind: RecordKind | "unknown";
  key: string;
  action: Action;
  /** Fields changed (updated) or that would change (dry run). */
  fields?: string[];
  /** Why it failed: the fields, with the API's problem+json detail where the API refused. */
  issues?: Omit<RowIssue, "line">[];
}

export interface ImportReport {
  dryRun: boolean;
  outcomes: Outcome[];
  /** Per record type: how many were created, updated, unchanged, failed. */
  counts: Record<RecordKind | "unknown", Record<Action, number>>;
}

/** Fields of each record type the API can change after creation, and how (the rest is fixed once created). */
const UPDATABLE: Record<RecordKind, readonly string[]> = {
  center: ["address", "consultationPhone", "zones", "accessibility", "foreignLanguage", "hours"],
  department: [],
  station: [],
  item: ["guide"],
  status: ["status", "exclusion", "delegation", "authorization"],
  window: ["department", "items", "languages", "status"],
  staff: [
    "department",
    "window",
    "role",
    "duty",
    "keyPost",
    "head",
    "examPassedOn",
    "qualificationLevel",
    "training",
    "chiefRepresentative",
  ],
};

const json = (v: unknown) => JSON.stringify(v ?? null);

/** Top-level fields whose values differ between the file's record and the stack's. */
function changedFields(wanted: CatalogRecord, stored: CatalogRecord): string[] {
  const fields = new Set([...Object.keys(wanted), ...Object.keys(stored)]);
  return [...fields].filter(
    (f) => json((wanted as Record<string, unknown>)[f]) !== json((stored as Record<string, unknown>)[f]),
  );
}

class RowFailed extends Error {
  constructor(readonly issues: Omit<RowIssue, "line">[]) {
    super(issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
}

/** The API's body fields that are references, by the row field that names them. */
const ROW_FIELD: Record<string, string> = {
  parentId: "parent",
  comprehensiveCenterId: "comprehensiveCenter",
  departmentId: "department",
  itemIds: "items",
  windowId: "window",
  supervisorId: "supervisor",
  staffId: "name",
};

/**
 * The row failed on the API's answer: its problem+json detail, under the fields the API named (its body's paths in
 * the row's terms; under `within` for a call whose body is one field of the row, a guide or a training), or `field`.
 * `partly` says what the row's earlier calls left in.
 */
function refused(error: unknown, field: string, options: { within?: string; partly?: string } = {}): never {
  if (!(error instanceof ApiError)) throw error;
  const { problem } = error;
  const detail =
    `${problem.status} ${problem.detail ?? problem.title ?? ""}`.trim() +
    (options.partly ? ` (${options.partly})` : "");
  const rowPath = (path: (string | number)[]): (string | number)[] => {
    const inBody = path[0] === "body" ? path.slice(1) : path;
    if (inBody.length === 0 || ["path", "query", "header"].includes(String(inBody[0]))) return [field];
    const mapped = inBody.map((p) => (typeof p === "string" ? (ROW_FIELD[p] ?? p) : p));
    return options.within ? [options.within, ...mapped] : mapped;
  };
  const issues = problem.errors?.length
    ? problem.errors.map((e) => ({ path: rowPath(e.path), message: `${detail} — ${e.message}` }))
    : [{ path: [options.within ?? field], message: detail }];
  throw new RowFailed(issues);
}

/**
 * Import a catalog file through the API (issue 23, point 4), idempotent by code: a record the stack holds the same is
 * unchanged; a changed field is an update through the API's update routes (a guide: a new version, only when its
 * content differs); a record the stack lacks is created. Rows go in file order (the format's dependency order); a row
 * whose reference failed, or comes later in the file, fails naming it. With `dryRun` nothing is written and the report
 * says what would change.
 *
 * Nothing half-imported for a row: every row is checked in full (the record's schema, its references, the fields the
 * API cannot change, and the rules the API checks after its first call) before its first call. A row that takes
 * several calls makes first the one the API may refuse on a rule of its own (registering the item, the staff member);
 * what follows (the guide, the chief-representative appointment, training) is checked here against the same rules
 * (domain/ schemas and checks), so only an outage can stop a row halfway — and there is no route to undo an item or a
 * roster entry. Such a row is reported failed saying what is in; running the import again completes it, since rows
 * are idempotent by code. Each call carries an Idempotency-Key made of the file, the line, the row, the call and what
 * the stack held before, so a retried call (or a rerun against the same state) is applied once.
 */
export async function importCatalog(
  api: Api,
  file: { rows: readonly Row[]; rejected?: readonly Rejected[] },
  options: { dryRun?: boolean; file?: string; today?: string } = {},
): Promise<ImportReport> {
  const { rows, rejected = [] } = file;
  const dryRun = options.dryRun ?? false;
  const snapshot = await readSnapshot(api);
  const rowAt = new Map(rows.map((r) => [Snapshot.keyOf(r.record.record, keyOf(r.record)), r]));
  const failed = new Map<string, number>();
  const done = new Set<string>();
  // A malformed row is failed before anything is written; the rows naming it fail with it.
  const outcomes: Outcome[] = rejected.map((r) => ({
    line: r.line,
    kind: r.kind ?? "unknown",
    key: r.key ?? "?",
    action: "failed",
    issues: r.issues.map(({ line: _l, ...i }) => i),
  }));
  for (const r of rejected) if (r.kind && r.key) failed.set(Snapshot.keyOf(r.kind, r.key), r.line);
  const today = options.today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  for (const row of rows) {
    const { record, line } = row;
    const key = keyOf(record);
    const id = Snapshot.keyOf(record.record, key);
    const stored = snapshot.get(record.record, key);
    const base = { line, kind: record.record, key };

    /** The id of what a field names: in the stack, or made by an earlier row of this run. */
    const resolve = (kind: RecordKind, refKey: string, path: (string | number)[]): string => {
      const found = snapshot.get(kind, refKey);
      if (found) return found.id;
      const target = Snapshot.keyOf(kind, refKey);
      const failedAt = failed.get(target);
      if (failedAt !== undefined)
        throw new RowFailed([{ path, message: `line ${failedAt} (${kind} ${refKey}) failed` }]);
      const later = rowAt.get(target);
      if (later && !done.has(target))
        throw new RowFailed([
          { path, message: `${kind} ${refKey} comes at line ${later.line}, after this one` },
        ]);
      throw new RowFailed([{ path, message: `no ${kind} ${refKey} in the file or the stack` }]);
    };
    const call = <T>(label: string, method: "POST" | "PUT" | "PATCH", path: string, body: unknown) =>
      api.send<T>(method, path, body, idempotencyKey(options.file, row, label, stored));

    try {
      const fields = stored ? changedFields(record, stored.record) : [];
      if (stored && fields.length === 0) {
        outcomes.push({ ...base, action: "unchanged" });
        done.add(id);
        continue;
      }
      if (stored) {
        const fixed = fields.filter((f) => !UPDATABLE[record.record].includes(f));
        if (fixed.length)
          throw new RowFailed(
            fixed.map((f) => ({
              path: [f],
              message: `differs from the stack, and the API has no route to change it`,
            })),
          );
      }
      const plan = planFor(record, stored, fields, { resolve, snapshot, rowAt, today });
      if (!dryRun) {
        const made = await plan.run(call);
        if (made) snapshot.add(made);
      } else {
        // What the run would have made, so the dry run checks the rows after it against it.
        snapshot.add(stored ? { ...stored, record } : { record, id: `(new ${record.record})` });
      }
      outcomes.push({ ...base, action: stored ? "updated" : "created", ...(stored ? { fields } : {}) });
      done.add(id);
    } catch (error) {
      if (!(error instanceof RowFailed)) throw error;
      failed.set(id, line);
      outcomes.push({ ...base, action: "failed", issues: error.issues });
    }
  }
  outcomes.sort((a, b) => a.line - b.line);
  return { dryRun, outcomes, counts: countOf(outcomes) };
}

function countOf(outcomes: readonly Outcome[]): ImportReport["counts"] {
  const counts = Object.fromEntries(
    [...RECORD_KINDS, "unknown"].map((k) => [k, { created: 0, updated: 0, unchanged: 0, failed: 0 }]),
  ) as ImportReport["counts"];
  for (const o of outcomes) counts[o.kind][o.action]++;
  return counts;
}

/** 64 hex characters from the file, the line, the row, the call and the state it changes. */
function idempotencyKey(
  file: string | undefined,
  row: Row,
  label: string,
  stored: Stored | undefined,
): string {
  const name = file?.split(/[\\/]/).at(-1) ?? "-";
  return createHash("sha256")
    .update([name, row.line, json(row.record), label, json(stored?.record)].join("\n"))
    .digest("hex");
}

type Call = <T>(label: string, method: "POST" | "PUT" | "PATCH", path: string, body: unknown) => Promise<T>;
interface Plan {
  /** Make the calls; answers what now exists when something was created. */
  run(call: Call): Promise<Stored | undefined>;
}
interface Context {
  resolve(kind: RecordKind, key: string, path: (string | number)[]): string;
  snapshot: Snapshot;
  rowAt: Map<string, Row>;
  today: string;
}

/** A plan that makes one thing in a center: a department, a station, a window — one call, refused whole or made. */
function createInCenter(
  record: CatalogRecord,
  centerId: string,
  collection: "departments" | "stations" | "windows",
  body: unknown,
  field: string,
): Plan {
  return {
    async run(call) {
      const made = await call<{ id: string }>(
        `create-${collection}`,
        "POST",
        `/v1/centers/${centerId}/${collection}`,
        body,
      ).catch((e: unknown) => refused(e, field));
      return { record, id: made.id };
    },
  };
}

/** Check the row against everything this side can know, and say which calls it takes. Throws `RowFailed`. */
function planFor(record: CatalogRecord, stored: Stored | undefined, fields: string[], ctx: Context): Plan {
  const { resolve } = ctx;
  const centerOf = (name: string) => resolve("center", name, ["center"]);
  switch (record.record) {
    case "center":
      return planCenter(record, stored, fields, ctx);
    case "department":
      return createInCenter(record, centerOf(record.center), "departments", { name: record.name }, "name");
    case "station": {
      const { record: _r, center, ...body } = record;
      return createInCenter(record, centerOf(center), "stations", body, "name");
    }
    case "item":
      return planItem(record, stored, ctx);
    case "status": {
      const centerId = centerOf(record.center);
      const itemId = resolve("item", record.item, ["item"]);
      const { record: _r, center: _c, item: _i, ...body } = record;
      return {
        async run(call) {
          await call("set-item-status", "PUT", `/v1/centers/${centerId}/items/${itemId}`, body).catch(
            (e: unknown) => refused(e, "status"),
          );
          return { record, id: `${centerId}/${itemId}` };
        },
      };
    }
    case "window":
      return planWindow(record, stored, fields, ctx);
    case "staff":
      return planStaff(record, stored, fields, ctx);
  }
}

function planCenter(record: CenterRecord, stored: Stored | undefined, fields: string[], ctx: Context): Plan {
  const { record: _r, parent, comprehensiveCenter, ...body } = record;
  if (stored) {
    const changes = Object.fromEntries(fields.map((f) => [f, (record as Record<string, unknown>)[f]]));
    return {
      async run(call) {
        await call("update-center", "PATCH", `/v1/centers/${stored.id}`, changes).catch((e: unknown) =>
          refused(e, fields[0]!),
        );
        return { ...stored, record };
      },
    };
  }
  const parentId = parent ? ctx.resolve("center", parent, ["parent"]) : undefined;
  const comprehensiveCenterId = comprehensiveCenter
    ? ctx.resolve("center", comprehensiveCenter, ["comprehensiveCenter"])
    : undefined;
  if (!parent && !comprehensiveCenter)
    throw new RowFailed([
      {
        path: ["parent"],
        message:
          "the city center is set up when the system is installed, not through the API: install it first",
      },
    ]);
  return {
    async run(call) {
      const c = await call<{ id: string }>("register-center", "POST", "/v1/centers", {
        ...body,
        parentId,
        comprehensiveCenterId,
      }).catch((e: unknown) => refused(e, "name"));
      return { record, id: c.id };
    },
  };
}

function planItem(record: ItemRecord, stored: Stored | undefined, ctx: Context): Plan {
  const guide = record.guide;
  if (stored) {
    if (!guide)
      throw new RowFailed([
        { path: ["guide"], message: "a published guide cannot be withdrawn through the API" },
      ]);
    return {
      async run(call) {
        await call("publish-guide", "POST", `/v1/items/${stored.id}/guides`, guide).catch((e: unknown) =>
          refused(e, "guide", { within: "guide" }),
        );
        return { ...stored, record, guideVersion: (stored.guideVersion ?? 0) + 1 };
      },
    };
  }
  const departmentId = ctx.resolve("department", `${record.center} / ${record.department}`, ["department"]);
  return {
    async run(call) {
      // First the call the API may refuse on its own rules (the code taken, the department out of scope); the guide
      // was checked against the same schema the API applies, so only an outage stops the row between the two.
      const item = await call<{ id: string }>("register-item", "POST", "/v1/items", {
        code: record.code,
        name: record.name,
        departmentId,
        level: record.level,
      }).catch((e: unknown) => refused(e, "code"));
      if (guide)
        await call("publish-guide", "POST", `/v1/items/${item.id}/guides`, guide).catch((e: unknown) =>
          refused(e, "guide", {
            within: "guide",
            partly: "the item is registered without its guide; run the import again to publish it",
          }),
        );
      return { record, id: item.id, guideVersion: guide ? 1 : 0 };
    },
  };
}

function planWindow(record: WindowRecord, stored: Stored | undefined, fields: string[], ctx: Context): Plan {
  const centerId = ctx.resolve("center", record.center, ["center"]);
  const departmentId = record.department
    ? ctx.resolve("department", `${record.center} / ${record.department}`, ["department"])
    : undefined;
  const itemIds = record.items.map((code, i) => ctx.resolve("item", code, ["items", i]));
  const { record: _r, center: _c, department: _d, items: _i, ...own } = record;
  const input = { ...own, departmentId, itemIds };
  try {
    checkWindow(input);
  } catch (error) {
    throw new RowFailed(ruleIssues(error, "type"));
  }
  // Art. 18, as the API checks it: a dry run then tells it too.
  const excluded = record.items.flatMap((code, i) => {
    const status = ctx.snapshot.get("status", `${record.center} / ${code}`)?.record;
    return status?.record === "status" && status.status === "excluded"
      ? [{ path: ["items", i], message: `${code} is on this center's negative list (art. 18)` }]
      : [];
  });
  if (excluded.length) throw new RowFailed(excluded);
  if (stored) {
    if (fields.includes("department") && !departmentId)
      throw new RowFailed([
        { path: ["department"], message: "a window's department cannot be removed through the API" },
      ]);
    const change: Record<string, unknown> = {};
    if (fields.includes("department")) change.departmentId = departmentId;
    if (fields.includes("items")) change.itemIds = itemIds;
    if (fields.includes("languages")) change.languages = record.languages;
    if (fields.includes("status")) change.status = record.status;
    return {
      async run(call) {
        await call("update-window", "PATCH", `/v1/centers/${centerId}/windows/${stored.id}`, change).catch(
          (e: unknown) => refused(e, fields[0]!),
        );
        return { ...stored, record };
      },
    };
  }
  return createInCenter(record, centerId, "windows", input, "code");
}

/** The fields a domain check names, as row issues. */
function ruleIssues(error: unknown, field: string): Omit<RowIssue, "line">[] {
  const e = error as { errors?: { path: (string | number)[]; message: string }[]; message: string };
  const map = (p: (string | number)[]) =>
    p.map((s) => (s === "departmentId" ? "department" : s === "itemIds" ? "items" : s));
  return e.errors?.length
    ? e.errors.map((i) => ({ path: map(i.path), message: i.message }))
    : [{ path: [field], message: e.message }];
}

function planStaff(record: StaffRecord, stored: Stored | undefined, fields: string[], ctx: Context): Plan {
  const { resolve } = ctx;
  const centerId = resolve("center", record.center, ["center"]);
  const departmentId = record.department
    ? resolve("department", `${record.center} / ${record.department}`, ["department"])
    : undefined;
  const windowId = record.window
    ? resolve("window", `${record.center} / ${record.window}`, ["window"])
    : undefined;
  const supervisorId = record.internship
    ? resolve("staff", `${record.center} / ${record.internship.supervisor}`, ["internship", "supervisor"])
    : undefined;
  try {
    checkStaffShape({ role: record.role, departmentId: record.department, head: record.head });
  } catch (error) {
    throw new RowFailed(ruleIssues(error, "role"));
  }
  // Art. 44, checked here as the API checks it on appointment: the appointment follows the registration.
  if (record.chiefRepresentative) {
    const center =
      ctx.snapshot.get("center", record.center)?.record ??
      ctx.rowAt.get(Snapshot.keyOf("center", record.center))?.record;
    const issues: Omit<RowIssue, "line">[] = [];
    if (!departmentId)
      issues.push({ path: ["department"], message: "a chief representative names their department" });
    try {
      if (center?.record === "center" && departmentId)
        checkChiefRepresentative(
          center,
          { id: departmentId, centerId, name: record.department!, stationedOn: "", version: 0 },
          { centerId, departmentId, role: record.role, employmentType: record.employmentType },
        );
    } catch (error) {
      issues.push(
        ...ruleIssues(error, "chiefRepresentative").map((i) => ({
          ...i,
          path: ["chiefRepresentative", ...i.path],
        })),
      );
    }
    if (issues.length) throw new RowFailed(issues);
  }
  const {
    record: _r,
    center: _c,
    department: _d,
    window: _w,
    internship,
    chiefRepresentative,
    training,
    ...own
  } = record;
  const appoint = (call: Call, staffId: string, partly?: string) =>
    call(
      "appoint-chief-representative",
      "PUT",
      `/v1/centers/${centerId}/departments/${departmentId}/chief-representative`,
      {
        staffId,
      },
    ).catch((e: unknown) => refused(e, "chiefRepresentative", { partly }));

  if (stored) {
    const current = stored.staff!;
    const kept = (mine: unknown[] | undefined, theirs: unknown[]) =>
      theirs.every((c) => (mine ?? []).some((t) => json(c) === json(t)));
    // What the roster's routes add or set but never take away.
    const cannot = [
      !chiefRepresentative &&
        fields.includes("chiefRepresentative") &&
        "an appointment ends when another is appointed",
      !kept(training, current.training) && "recorded training cannot be removed",
      record.examPassedOn === undefined &&
        fields.includes("examPassedOn") &&
        "a recorded exam cannot be removed",
      record.qualificationLevel === undefined &&
        fields.includes("qualificationLevel") &&
        "a qualification level cannot be removed",
      record.examPassedOn === undefined &&
        fields.includes("qualificationLevel") &&
        "a qualification level is recorded with the exam (examPassedOn)",
    ];
    const field = ["chiefRepresentative", "training", "examPassedOn", "qualificationLevel", "examPassedOn"];
    const refusals = cannot.flatMap((message, i) =>
      message ? [{ path: [field[i]!], message: `${message} through the API` }] : [],
    );
    if (refusals.length) throw new RowFailed(refusals);
    const missing = (training ?? []).filter((t) => !current.training.some((c) => json(c) === json(t)));
    const assignment = ["department", "window", "role", "duty", "keyPost", "head"].filter((f) =>
      fields.includes(f),
    );
    const partly = assignment.length
      ? "its assignment is filed; run the import again to complete the row"
      : undefined;
    return {
      async run(call) {
        // Art. 46: a change of assignment is a filing, with its date and reason. `head` goes with it always: the API
        // drops it on a change of department or role unless the filing says it (staff.use-case.ts).
        if (assignment.length)
          await call("file-assignment", "POST", `/v1/staff/${stored.id}/assignments`, {
            ...(fields.includes("department") ? { departmentId: departmentId ?? null } : {}),
            ...(fields.includes("window") ? { windowId: windowId ?? null } : {}),
            ...(fields.includes("role") ? { role: record.role } : {}),
            ...(fields.includes("duty") ? { duty: record.duty } : {}),
            ...(fields.includes("keyPost") ? { keyPost: record.keyPost } : {}),
            head: record.head,
            effectiveOn: ctx.today,
            reason: "catalog import",
          }).catch((e: unknown) => refused(e, assignment[0]!));
        if (fields.includes("examPassedOn") || fields.includes("qualificationLevel"))
          await call("record-exam", "POST", `/v1/staff/${stored.id}/exam`, {
            passedOn: record.examPassedOn,
            qualificationLevel: record.qualificationLevel,
          }).catch((e: unknown) => refused(e, "examPassedOn", { partly }));
        for (const [i, t] of missing.entries())
          await call(`record-training-${i}`, "POST", `/v1/staff/${stored.id}/training`, t).catch(
            (e: unknown) => refused(e, "training", { within: "training", partly }),
          );
        if (fields.includes("chiefRepresentative")) await appoint(call, stored.id, partly);
        return { ...stored, record };
      },
    };
  }
  return {
    async run(call) {
      const s = await call<{ id: string }>("register-staff", "POST", "/v1/staff", {
        ...own,
        centerId,
        departmentId,
        windowId,
        ...(internship ? { internship: { startedOn: internship.startedOn, supervisorId } } : {}),
      }).catch((e: unknown) => refused(e, "name"));
      const rest = "the person is on the roster; run the import again to complete the row";
      if (chiefRepresentative) await appoint(call, s.id, rest);
      for (const [i, t] of (training ?? []).entries())
        await call(`record-training-${i}`, "POST", `/v1/staff/${s.id}/training`, t).catch((e: unknown) =>
          refused(e, "training", { within: "training", partly: rest }),
        );
      return { record, id: s.id };
    },
  };
}
