import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "#shared/aws/dynamo.ts";
import { commandLine } from "./command-line.ts";

/**
 * The one-off copy an existing deployment runs after deploying the split of supervision (issue 22;
 * docs/supervision-split.md §4, docs/upgrading.md). It scans supervision's table once and
 *
 * - copies what complaints now keeps in its own table: the unresolved matters, their meetings and their events
 *   (the `matter#<id>` partitions), and the roster (`staffRef`, whom complaints may name as a coordinator);
 * - writes for every case clock the ratings' own record of the case (`served#application#<id>`): open while the
 *   clock runs, complete — center, department, item, owner, time — once it stopped, so that a case submitted before
 *   the upgrade can still be rated (the ratings no longer read the clock; until they move to complaints, that
 *   record is in supervision's table, `--served-to` says where);
 * - writes for every work order, rating and rectification what the monthly indicators and the staff appraisal count
 *   of it (`wofact#<id>`, `ratingfact#<id>`, `rectfact#<id>`, in the center-month partition), filling only what the events have not
 *   written since the deploy.
 *
 * Each item is written only where it is not yet (or, for the projections that carry `projectionOrder`, only where
 * the target's is older): what the new version wrote since the deploy wins, and a second run changes nothing.
 * Nothing is deleted: the old items stay inert in supervision's table until it is retired.
 */
export interface SplitTables {
  supervision: string;
  complaints: string;
  /** Where the ratings live: supervision's table until they move, then complaints'. */
  served: string;
  /** Where the indicators read the ratings' facts: supervision's table, then monitoring's. */
  facts: string;
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

/** Where an item of supervision's table goes, and under what name; undefined: it stays. */
interface Target {
  table: string;
  item: Item;
  kind: string;
  /** Fill only the attributes the target lacks (a projection the events may have begun). */
  merge?: boolean;
}

export function routeItem(item: Item, tables: SplitTables): Target[] {
  if (item.pk.startsWith("matter#")) return [{ table: tables.complaints, item, kind: "matter" }];
  if (item.entity === "staffRef") return [{ table: tables.complaints, item, kind: "staff" }];
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
    return [{ table: tables.served, item: served, kind: "servedCase" }];
  }
  if (item.entity === "rating" && typeof item.id === "string") {
    const fact: Item = {
      pk: `ratingfact#${item.id}`,
      sk: "fact",
      entity: "ratingFact",
      ratingId: item.id,
      centerId: item.centerId,
      ...(item.departmentId ? { departmentId: item.departmentId } : {}),
      ...(item.staffId ? { staffId: item.staffId } : {}),
      level: item.level,
      month: item.month,
      excluded: item.excluded === true,
      gsi5pk: `rates#${String(item.centerId)}#${String(item.month)}`,
      gsi5sk: `ratingfact#${item.id}`,
    };
    return [{ table: tables.facts, item: fact, kind: "ratingFact", merge: true }];
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
      ...(unit?.centerId
        ? { gsi5pk: `rates#${unit.centerId}#${String(item.month)}`, gsi5sk: `wofact#${item.id}` }
        : {}),
    };
    return [{ table: tables.facts, item: fact, kind: "workOrderFact", merge: true }];
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
    return [{ table: tables.facts, item: fact, kind: "rectificationFact", merge: true }];
  }
  return [];
}

export async function migrateSupervisionSplit(
  db: DynamoDBDocumentClient,
  tables: SplitTables,
  { segments = 4 }: { segments?: number } = {},
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
    Array.from({ length: segments }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: tables.supervision,
            Segment: segment,
            TotalSegments: segments,
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of (page.Items ?? []) as Item[]) {
          result.scanned++;
          for (const target of routeItem(item, tables)) await write(target);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return result;
}

const USAGE = `Usage: npm run migrate-supervision-split -- [--supervision <table>] [--complaints <table>] [--served-to <table>] [--segments <n>]
Copies what the split of supervision moved (issue 22) from supervision's table; safe to run again.
Tables default to govservice-supervision, govservice-complaints; --served-to defaults to supervision's table.`;

async function main(argv: string[]): Promise<number> {
  const parsed = commandLine(
    argv,
    {
      supervision: { type: "string", default: "govservice-supervision" },
      complaints: { type: "string", default: "govservice-complaints" },
      "served-to": { type: "string" },
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
  if (!Number.isInteger(segments) || segments < 1 || segments > 64) {
    console.error(`--segments must be a whole number from 1 to 64\n${USAGE}`);
    return 2;
  }
  const { supervision, complaints } = parsed.values;
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const result = await migrateSupervisionSplit(
    db,
    { supervision, complaints, served: parsed.values["served-to"] ?? supervision, facts: supervision },
    { segments },
  );
  console.log(JSON.stringify(result, null, 2));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href)
  process.exitCode = await main(process.argv.slice(2));
