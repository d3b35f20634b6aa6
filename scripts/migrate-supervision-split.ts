import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "#shared/aws/dynamo.ts";
import { COPIED_EVENT_ENTITY, EVENT_ENTITY } from "#shared/events/envelope.ts";
import { commandLine } from "./command-line.ts";

/**
 * The one-off copy an existing deployment runs after deploying the split of supervision (issue 22;
 * docs/supervision-split.md §4, docs/upgrading.md). It scans supervision's table once and routes every item:
 *
 * - to complaints: the 12345 work orders (with their number and follow-up claims), the ratings (with their claims and
 *   the visits and cases that may be rated), the rectifications and the unresolved matters, each partition whole;
 * - to monitoring: the clocks, warnings, policies, handlers, queue metrics, inspections and compliance findings;
 * - to both: the projections of the catalog each keeps (roster, windows, departments, closures, holiday years) and
 *   the routes' idempotency records (by route; a stale one only answers a retry with its first answer);
 * - and it derives what each side now keeps of the other's: complaints' record of every case (`served#application#`,
 *   open while its clock runs, complete once stopped) from the case clocks, and monitoring's facts of every work
 *   order, rating and rectification (`wofact#`, `ratingfacts#`, `rectfact#`) from those items.
 *
 * Event items (outbox and audit record) are copied as `copiedEvent`: readers of a history find them by their sort key,
 * and the stream's filter (`entity = event`) leaves them out, so no event is published a second time.
 *
 * Each item is written only where it is not yet (or, for the projections that carry `projectionOrder`, only where
 * the target's is older; facts only fill what the events have not written): what the new version wrote since the
 * deploy wins, and a second run changes nothing. Nothing is deleted: supervision's table stays until it is retired.
 */
export interface SplitTables {
  supervision: string;
  complaints: string;
  monitoring: string;
}

export interface SplitResult {
  scanned: number;
  /** Written, by kind; `kept` counts the items a target already had at least as new. */
  copied: Record<string, number>;
  kept: number;
}

type Item = Record<string, unknown> & { pk: string; sk: string };

/** Sorts before every `<ISO time>|<event id>`. */
const MIGRATED_ORDER = "0|migrated";

/** The partitions that are complaints' whole (docs/supervision-split.md §2). */
const COMPLAINTS_PARTITIONS = [
  "matter#",
  "wo#",
  "orderNo#",
  "hotlineFollowUp#",
  "rating#",
  "rated#",
  "rect#",
  "served#",
];
/** The catalog's projections and the holiday years each side keeps. */
const BOTH = new Set(["staffRef", "windowRef", "departmentRef", "closureRef", "calendarYear"]);
/** Hours to reach the caller the version before counted with, when the deployment did not set its own. */
const DEFAULT_CONTACT_HOURS = 24;

/** Where an item of supervision's table goes, and under what name. */
interface Target {
  table: string;
  item: Item;
  kind: string;
  /** Fill only the attributes the target lacks (a projection the events may have begun). */
  merge?: boolean;
}

export interface SplitOptions {
  segments?: number;
  /** The deployment's `HOTLINE_CONTACT_HOURS`, for the facts of orders received before (default 24). */
  contactHours?: number;
  /**
   * Events that occurred from this time on are copied as events, so that the new version's publisher sends them:
   * those the old publisher may not have sent before the deploy removed it (consumers drop what they already applied,
   * by event id). Earlier ones are copies, never sent again.
   */
  republishSince?: string;
}

/** An event item as a copy: found by its sort key, never published again — unless it may never have been. */
function copied(item: Item, options: SplitOptions): Item {
  if (item.entity !== EVENT_ENTITY) return item;
  const recent = options.republishSince !== undefined && String(item.occurredAt) >= options.republishSince;
  return recent ? item : { ...item, entity: COPIED_EVENT_ENTITY };
}

function copies(item: Item, tables: SplitTables, options: SplitOptions): Target[] {
  const kind = String(item.entity ?? "item");
  if (COMPLAINTS_PARTITIONS.some((p) => item.pk.startsWith(p)))
    return [{ table: tables.complaints, item: copied(item, options), kind }];
  if (BOTH.has(String(item.entity)) || item.pk.startsWith("idem#"))
    return [
      { table: tables.complaints, item, kind },
      { table: tables.monitoring, item, kind },
    ];
  // The callbacks' marks are complaints' consumer's; every other mark is monitoring's.
  if (item.pk.startsWith("mark#") && item.sk === "callbacks")
    return [{ table: tables.complaints, item, kind }];
  return [{ table: tables.monitoring, item: copied(item, options), kind }];
}

export function routeItem(item: Item, tables: SplitTables, options: SplitOptions = {}): Target[] {
  return [
    ...copies(item, tables, options),
    ...derived(item, tables, options.contactHours ?? DEFAULT_CONTACT_HOURS),
  ];
}

function derived(item: Item, tables: SplitTables, contactHours: number): Target[] {
  if (item.entity === "clock" && item.stage === "case" && typeof item.subjectId === "string") {
    const stopped = item.state === "stopped";
    const served: Item = {
      pk: `served#application#${item.subjectId}`,
      sk: "served",
      entity: "servedCase",
      applicationId: item.subjectId,
      complete: stopped,
      ...(stopped
        ? {
            centerId: item.centerId,
            ...(item.departmentId ? { departmentId: item.departmentId } : {}),
            ...(item.itemId ? { itemId: item.itemId } : {}),
            ...(item.ownerId ? { ownerId: item.ownerId } : {}),
            servedAt: item.stoppedAt,
          }
        : {}),
      // Older than any event's order (`<occurredAt>|<eventId>`, shared/aws/projection.ts): the copy only fills a
      // record no event wrote, and the stop event, when it comes after the copy, completes it.
      projectionOrder: MIGRATED_ORDER,
    };
    return [{ table: tables.complaints, item: served, kind: "servedCase" }];
  }
  if (item.entity === "rating" && typeof item.id === "string") {
    const fact: Item = {
      pk: `ratingfacts#${String(item.centerId)}#${String(item.month)}`,
      sk: `ratingfact#${item.id}`,
      entity: "ratingFact",
      ratingId: item.id,
      centerId: item.centerId,
      ...(item.departmentId ? { departmentId: item.departmentId } : {}),
      ...(item.staffId ? { staffId: item.staffId } : {}),
      level: item.level,
      month: item.month,
      excluded: item.excluded === true,
    };
    return [{ table: tables.monitoring, item: fact, kind: "ratingFact", merge: true }];
  }
  if (item.entity === "workOrder" && typeof item.id === "string") {
    const unit = item.unit as { centerId?: string } | undefined;
    const fact: Item = {
      pk: `wofact#${item.id}`,
      sk: "fact",
      entity: "workOrderFact",
      workOrderId: item.id,
      ...Object.fromEntries(
        [
          "origin",
          "kind",
          "receivedAt",
          "month",
          "replyDueAt",
          "unit",
          "contactedCallerAt",
          "repliedAt",
          "followUp",
        ]
          .filter((k) => item[k] !== undefined)
          .map((k) => [k, item[k]]),
      ),
      contactWindowEndsAt: new Date(
        new Date(String(item.receivedAt)).getTime() + contactHours * 3_600_000,
      ).toISOString(),
      ...(unit?.centerId
        ? { gsi5pk: `rates#${unit.centerId}#${String(item.month)}`, gsi5sk: `wofact#${item.id}` }
        : {}),
    };
    return [{ table: tables.monitoring, item: fact, kind: "workOrderFact", merge: true }];
  }
  if (item.entity === "rectification" && typeof item.id === "string") {
    const fact: Item = {
      pk: `rectfact#${item.id}`,
      sk: "fact",
      entity: "rectificationFact",
      rectificationId: item.id,
      ratingId: item.ratingId,
      centerId: item.centerId,
      ...(item.departmentId ? { departmentId: item.departmentId } : {}),
      month: item.month,
      dueAt: item.dueAt,
      state: item.state,
      ...(item.onTime !== undefined ? { onTime: item.onTime } : {}),
      gsi5pk: `rates#${String(item.centerId)}#${String(item.month)}`,
      gsi5sk: `rectfact#${item.id}`,
    };
    return [{ table: tables.monitoring, item: fact, kind: "rectificationFact", merge: true }];
  }
  return [];
}

export async function migrateSupervisionSplit(
  db: DynamoDBDocumentClient,
  tables: SplitTables,
  options: SplitOptions = {},
): Promise<SplitResult> {
  const result: SplitResult = { scanned: 0, copied: {}, kept: 0 };
  const write = async ({ table, item, kind, merge }: Target) => {
    if (merge) {
      const { pk, sk, ...fields } = item;
      const names = Object.keys(fields);
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk, sk },
          UpdateExpression: `SET ${names.map((_, i) => `#f${i} = if_not_exists(#f${i}, :f${i})`).join(", ")}`,
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
          ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:f${i}`, fields[n]])),
        }),
      );
      result.copied[kind] = (result.copied[kind] ?? 0) + 1;
      return;
    }
    const ordered = item.projectionOrder !== undefined;
    try {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: item,
          ConditionExpression: ordered
            ? "attribute_not_exists(pk) OR projectionOrder < :order"
            : "attribute_not_exists(pk)",
          ...(ordered ? { ExpressionAttributeValues: { ":order": item.projectionOrder } } : {}),
        }),
      );
      result.copied[kind] = (result.copied[kind] ?? 0) + 1;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      result.kept++;
    }
  };
  await Promise.all(
    Array.from({ length: options.segments ?? 4 }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: tables.supervision,
            Segment: segment,
            TotalSegments: options.segments ?? 4,
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of (page.Items ?? []) as Item[]) {
          result.scanned++;
          for (const target of routeItem(item, tables, options)) await write(target);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return result;
}

const USAGE = `Usage: npm run migrate-supervision-split -- [--supervision <table>] [--complaints <table>] [--monitoring <table>] [--contact-hours <n>] [--republish-since <ISO time>] [--segments <n>]
Copies supervision's items into complaints' and monitoring's tables after the split (issue 22); safe to run again.
Tables default to govservice-supervision, govservice-complaints, govservice-monitoring. --contact-hours: the
deployment's HOTLINE_CONTACT_HOURS if it set one (default 24), for the response rate of orders received before.
--republish-since: events from this time on are published again by the new version (a few minutes before the deploy
began: the old publisher may not have sent the last ones); earlier ones are copied as records only.`;

async function main(argv: string[]): Promise<number> {
  const parsed = commandLine(
    argv,
    {
      supervision: { type: "string", default: "govservice-supervision" },
      complaints: { type: "string", default: "govservice-complaints" },
      monitoring: { type: "string", default: "govservice-monitoring" },
      "contact-hours": { type: "string", default: String(DEFAULT_CONTACT_HOURS) },
      "republish-since": { type: "string" },
      segments: { type: "string", default: "4" },
    },
    USAGE,
    (line) => console.error(line),
  );
  if (!parsed) return 2;
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const segments = Number(parsed.values.segments);
  const contactHours = Number(parsed.values["contact-hours"]);
  if (!Number.isInteger(segments) || segments < 1 || segments > 64) {
    console.error(`--segments must be a whole number from 1 to 64\n${USAGE}`);
    return 2;
  }
  if (!Number.isInteger(contactHours) || contactHours < 1 || contactHours > 720) {
    console.error(`--contact-hours must be a whole number of hours from 1 to 720\n${USAGE}`);
    return 2;
  }
  const since = parsed.values["republish-since"];
  if (since !== undefined && Number.isNaN(Date.parse(since))) {
    console.error(`--republish-since must be an ISO time, e.g. 2027-01-04T01:55:00Z\n${USAGE}`);
    return 2;
  }
  const republishSince = since === undefined ? undefined : new Date(since).toISOString();
  const { supervision, complaints, monitoring } = parsed.values;
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const result = await migrateSupervisionSplit(
    db,
    { supervision, complaints, monitoring },
    { segments, contactHours, ...(republishSince ? { republishSince } : {}) },
  );
  console.log(JSON.stringify(result, null, 2));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href)
  process.exitCode = await main(process.argv.slice(2));
