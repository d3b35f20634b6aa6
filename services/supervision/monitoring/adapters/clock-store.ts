import { businessDate } from "#shared/calendar/time-zone.ts";
import { createHash } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import {
  getItem,
  getItems,
  putIfAbsent,
  putNew,
  putVersioned,
  queryAll,
  transactWrite,
  type TransactItem,
} from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Clock, Level, Stage } from "../domain/clock.ts";
import { COUNTED_STAGES } from "../domain/indicators.ts";

/**
 * Clocks and warnings, in the subject's partition `subject#<subjectId>` (a case's clocks, warnings and monitoring's
 * events about it are one query):
 *   clock#<stage>                         the clock; while not stopped also gsi1 `due#<shard>` / `<nextAt>#<clockId>`
 *                                         (clocksDueByTime, sharded by clock id), or `~idle#<clockId>` while it needs
 *                                         no attention (paused, nothing left to raise) — after every instant, so the
 *                                         sweep's range never reaches it; the index holds every open clock, and a
 *                                         published holiday schedule finds there the clocks it can move (issue 21:
 *                                         a start and a stop write one index entry each, not two). Clocks written
 *                                         before that are in gsi6 `clockdue#<year of dueAt>` / `<clockId>` (keys only)
 *                                         while open: read until none is left, then the index can go (deployer note)
 *   warning#<stage>#<round>#<level>       a raised warning — the key makes it once per level per round; while open
 *                                         also gsi2 `warnings#<centerId>` / `<1red|2yellow|3reminder>#<stage>#<raisedAt>#<id>`
 *                                         (openWarningsByCenter, sparse)
 */
export const subjectPk = (subjectId: string) => `subject#${subjectId}`;
const clockKey = (subjectId: string, stage: Stage) => ({ pk: subjectPk(subjectId), sk: `clock#${stage}` });
/** In the open-warnings index the most urgent level sorts first. */
const URGENCY: Record<Level, string> = { red: "1red", yellow: "2yellow", reminder: "3reminder" };
const warningSk = (w: { stage: Stage; round: number; level: Level }) =>
  `warning#${w.stage}#${String(w.round).padStart(3, "0")}#${w.level}`;

/** The due-index sort key of an open clock that needs no attention: after any instant the sweep asks for. */
const IDLE = "~idle#";

/** Which due-index partition a clock is in: spread by a hash so no one partition limits the sweep. */
export const shardOf = (clockId: string, shards: number) =>
  createHash("sha1").update(clockId).digest().readUInt32BE(0) % shards;

export type WarningState = "open" | "superseded" | "cleared";

export interface Warning {
  id: string;
  clockId: string;
  subjectId: string;
  stage: Stage;
  round: number;
  level: Level;
  centerId: string;
  departmentId?: string;
  itemId?: string;
  ownerId?: string;
  /** When the level was reached, and when the sweep raised it (later, if the sweep was late). */
  reachedAt: string;
  raisedAt: string;
  dueAt: string;
  recipients: string[];
  /** The handler of the stage (sign-in identity) when the warning was raised: appraisal counts overdue cases by it. */
  handler?: string;
  state: WarningState;
  closedAt?: string;
}

export interface WarningFilter {
  level?: Level;
  stage?: Stage;
  departmentId?: string;
}

/** The center-month partition the monthly indicators read (gsi5, shared with work orders and ratings). */
const monthKey = (centerId: string, at: string) =>
  `rates#${centerId}#${businessDate(new Date(at)).slice(0, 7)}`;

/**
 * A clock as stored: in the due index while not stopped (at its next attention time, or idle); once stopped, in its
 * center's month if the indicators count its stage (`COUNTED_STAGES`: completions, on-time rates, acceptance outcomes
 * and working days to decision are read from there — a delivery, cure, procedure, reply or rectification clock is
 * not, and writes no entry there). A clock therefore has at most two index entries in its life — due index at the
 * start, month at the stop — and each of its writes is one item under 1 KB (issue 21).
 */
export const clockRecord = (c: Clock, shards: number) => ({
  ...clockKey(c.subjectId, c.stage),
  entity: "clock",
  ...(c.state !== "stopped"
    ? { gsi1pk: `due#${shardOf(c.id, shards)}`, gsi1sk: c.nextAt ? `${c.nextAt}#${c.id}` : `${IDLE}${c.id}` }
    : {}),
  ...(c.state === "stopped" && c.stoppedAt && COUNTED_STAGES.has(c.stage)
    ? { gsi5pk: monthKey(c.centerId, c.stoppedAt), gsi5sk: `clock#${c.id}` }
    : {}),
  ...c,
});

/** The year (Beijing) a deadline falls in. */
const yearOf = (at: string) => businessDate(new Date(at)).slice(0, 4);

export function clockStore(tableName: string, shards: number) {
  const warningRecord = (w: Warning) => ({
    pk: subjectPk(w.subjectId),
    sk: warningSk(w),
    entity: "warning",
    ...(w.state === "open"
      ? { gsi2pk: `warnings#${w.centerId}`, gsi2sk: `${URGENCY[w.level]}#${w.stage}#${w.raisedAt}#${w.id}` }
      : {}),
    // Counted in the month it was raised (warnings by level and stage).
    gsi5pk: monthKey(w.centerId, w.raisedAt),
    gsi5sk: `warning#${w.id}`,
    ...w,
  });

  return {
    shards,

    async get(subjectId: string, stage: Stage): Promise<Clock | undefined> {
      const record = await getItem(tableName, clockKey(subjectId, stage));
      return record && fromRecord<Clock>(record);
    },

    /** A subject's clocks and every warning they raised. */
    async ofSubject(subjectId: string): Promise<{ clocks: Clock[]; warnings: Warning[] }> {
      const records = await queryAll(tableName, subjectPk(subjectId), "");
      return {
        clocks: records.filter((r) => r.entity === "clock").map(fromRecord<Clock>),
        warnings: records.filter((r) => r.entity === "warning").map(fromRecord<Warning>),
      };
    },

    /**
     * Write a clock's change with what it causes, all or nothing: the clock (new, or at the version read), a warning
     * to open (only if that level was never raised this round), the warning it closes, and the events. A clock changed
     * meanwhile, or a warning raised meanwhile, refuses the whole write (ConflictError): nothing is raised twice.
     */
    async save(
      clock: Clock,
      change: {
        open?: Warning;
        close?: { warning: Warning; state: WarningState; at: string };
        events?: Envelope[];
      },
    ): Promise<void> {
      const items: TransactItem[] = [
        clock.version === 1
          ? putNew(tableName, clockRecord(clock, shards))
          : putVersioned(tableName, clockRecord(clock, shards)),
      ];
      if (change.open)
        items.push({
          Put: {
            TableName: tableName,
            Item: warningRecord(change.open),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        });
      if (change.close) {
        const { warning, state, at } = change.close;
        items.push({
          Put: {
            TableName: tableName,
            Item: warningRecord({ ...warning, state, closedAt: at }),
            ConditionExpression: "#state = :open",
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: { ":open": "open" },
          },
        });
      }
      for (const event of change.events ?? [])
        items.push(putNew(tableName, eventItem(event, subjectPk(clock.subjectId))));
      await transactWrite(
        items,
        () =>
          new ConflictError(
            `The ${clock.stage} clock of ${clock.subjectId} changed meanwhile; read it again.`,
          ),
      );
    },

    /**
     * Write a clock's announcements after the clock (case-clocks.use-case.ts `Announcement`): each event item unless
     * it is there already, which a repeat of the same stop finds. Whether any was written.
     */
    async announce(clock: Clock, events: Envelope[]): Promise<boolean> {
      let wrote = false;
      for (const event of events)
        wrote = (await putIfAbsent(tableName, eventItem(event, subjectPk(clock.subjectId)))) || wrote;
      return wrote;
    },

    async warning(w: {
      subjectId: string;
      stage: Stage;
      round: number;
      level: Level;
    }): Promise<Warning | undefined> {
      const record = await getItem(tableName, { pk: subjectPk(w.subjectId), sk: warningSk(w) });
      return record && fromRecord<Warning>(record);
    },

    /**
     * Clocks of one shard whose next attention is at or before `now`, a page at a time, with the read capacity the
     * query consumed (the sweep reports it: it must grow with the due clocks, not with the open ones).
     */
    async due(
      shard: number,
      now: string,
      limit: number,
      start?: Record<string, unknown>,
    ): Promise<{ clocks: Clock[]; next?: Record<string, unknown>; readCapacity: number }> {
      const result = await dynamo().send(
        new QueryCommand({
          TableName: tableName,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :upper",
          ExpressionAttributeValues: { ":pk": `due#${shard}`, ":upper": `${now}#\uffff` },
          Limit: limit,
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      return {
        clocks: (result.Items ?? []).map(fromRecord<Clock>),
        ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey } : {}),
        readCapacity: result.ConsumedCapacity?.CapacityUnits ?? 0,
      };
    },

    /**
     * The working-day clocks not yet stopped whose deadline falls in one of `years`, a page at a time: every open
     * clock of the due index (each shard in full, idle ones too), chosen on the index's copy and read again from the
     * table (strongly consistent, so a write meanwhile is seen); then the clocks written before the due index held
     * them all, from the old keys-only gsi6, each once. Once a year per published schedule: it reads every open clock.
     */
    async *openDueIn(years: readonly number[]): AsyncGenerator<Clock[]> {
      const wanted = new Set(years.map(String));
      const moves = (c: Pick<Clock, "state" | "limit" | "dueAt">) =>
        c.state !== "stopped" && c.limit?.unit === "workingDays" && !!c.dueAt && wanted.has(yearOf(c.dueAt));
      const seen = new Set<string>();
      const fresh = async (found: Record<string, unknown>[]) => {
        const keys = found
          .map((i) => ({ pk: i.pk as string, sk: i.sk as string }))
          .filter((k) => !seen.has(`${k.pk}|${k.sk}`));
        for (const k of keys) seen.add(`${k.pk}|${k.sk}`);
        const records = keys.length ? await getItems(tableName, keys) : [];
        return records.flatMap((r) => (r ? [fromRecord<Clock>(r)] : [])).filter(moves);
      };
      const pages = async function* (index: string, pk: string) {
        let start: Record<string, unknown> | undefined;
        do {
          const result = await dynamo().send(
            new QueryCommand({
              TableName: tableName,
              IndexName: index,
              KeyConditionExpression: `${index}pk = :pk`,
              ExpressionAttributeValues: { ":pk": pk },
              ExclusiveStartKey: start,
            }),
          );
          yield result.Items ?? [];
          start = result.LastEvaluatedKey;
        } while (start);
      };
      for (let shard = 0; shard < shards; shard++)
        for await (const items of pages("gsi1", `due#${shard}`)) {
          const clocks = await fresh(items.filter((i) => moves(fromRecord<Clock>(i))));
          if (clocks.length) yield clocks;
        }
      for (const year of wanted)
        for await (const keys of pages("gsi6", `clockdue#${year}`)) {
          const clocks = await fresh(keys);
          if (clocks.length) yield clocks;
        }
    },

    /** A center's open warnings: red, then yellow, then reminders; within a level by stage, oldest first. */
    openWarnings(
      centerId: string,
      filter: WarningFilter,
      page: { cursor?: string; limit: number },
    ): Promise<Page<Warning>> {
      const values: Record<string, string> = { ":pk": `warnings#${centerId}` };
      let condition = "gsi2pk = :pk";
      if (filter.level) {
        condition += " AND begins_with(gsi2sk, :prefix)";
        values[":prefix"] = `${URGENCY[filter.level]}#${filter.stage ? `${filter.stage}#` : ""}`;
      }
      const filters: string[] = [];
      if (filter.stage && !filter.level) {
        filters.push("stage = :stage");
        values[":stage"] = filter.stage;
      }
      if (filter.departmentId) {
        filters.push("departmentId = :department");
        values[":department"] = filter.departmentId;
      }
      return queryPage(
        {
          TableName: tableName,
          IndexName: "gsi2",
          KeyConditionExpression: condition,
          ...(filters.length ? { FilterExpression: filters.join(" AND ") } : {}),
          ExpressionAttributeValues: values,
        },
        page,
        ["pk", "sk", "gsi2pk", "gsi2sk"],
        fromRecord<Warning>,
      );
    },

    /** How many warnings of each level a center has open (a count read from the index, no items). */
    async countOpenWarnings(centerId: string): Promise<Record<Level, number>> {
      const count = async (level: Level) => {
        let total = 0;
        let start: Record<string, unknown> | undefined;
        do {
          const page = await dynamo().send(
            new QueryCommand({
              TableName: tableName,
              IndexName: "gsi2",
              KeyConditionExpression: "gsi2pk = :pk AND begins_with(gsi2sk, :prefix)",
              ExpressionAttributeValues: { ":pk": `warnings#${centerId}`, ":prefix": `${URGENCY[level]}#` },
              Select: "COUNT",
              ExclusiveStartKey: start,
            }),
          );
          total += page.Count ?? 0;
          start = page.LastEvaluatedKey;
        } while (start);
        return total;
      };
      const [red, yellow, reminder] = await Promise.all([count("red"), count("yellow"), count("reminder")]);
      return { red, yellow, reminder };
    },
  };
}

export type ClockStore = ReturnType<typeof clockStore>;
