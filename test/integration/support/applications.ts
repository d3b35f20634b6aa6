import { GetCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { demoApplicants, seedUsers } from "#infra/local/seed-data.ts";
import { as, db, request, stack } from "./api.ts";
import { givenItem, guideInput, residentStatus } from "./factories.ts";
import { seeded } from "./seed.ts";

/**
 * An item resident at the Haidian center with a one-material guide: its applications can be submitted by the clerk,
 * accepted, and become review tasks of its department. By default a department other than the seeded approver's,
 * so many tasks made here never crowd the worklists other files read.
 */
export async function givenReviewableItem(
  departmentId = seeded.haidianDepartments.findLast((d) => d !== seedUsers.approver.departmentId)!,
): Promise<string> {
  const item = await givenItem({ departmentId });
  const guide = await as("admin").post(
    `/v1/items/${item.id}/guides`,
    guideInput({ materials: [{ name: "申请表", required: true }] }),
  );
  if (guide.status !== 201) throw new Error(`guide: ${guide.status} ${JSON.stringify(guide.body)}`);
  const status = await request("PUT", `/v1/centers/${seeded.haidian}/items/${item.id}`, {
    as: "admin",
    body: residentStatus(),
  });
  if (status.status !== 200) throw new Error(`item status: ${status.status} ${JSON.stringify(status.body)}`);
  return item.id;
}

/** A window submission of `itemId` at the Haidian center for the demo organisation. */
export function submission(itemId: string) {
  return {
    itemId,
    centerId: seeded.haidian,
    channel: "window",
    applicant: { ...demoApplicants.organisation, contact: { ...demoApplicants.organisation.contact } },
    materials: [{ name: "申请表", provided: "paper" }],
  };
}

/** Run `tasks` with at most `concurrency` in flight; results in the tasks' order. */
export async function inParallel<T>(concurrency: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}

/** Every record of one item in intake's table: its applications and their events (a scan: tests only). */
export async function intakeRecordsOf(
  itemId: string,
  client: DynamoDBDocumentClient = db,
  tableName = stack.tables.intake!,
): Promise<{ applications: Record<string, any>[]; events: Record<string, any>[] }> {
  const items: Record<string, any>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: "itemId = :item OR (begins_with(sk, :evt) AND #data.itemId = :item)",
        ExpressionAttributeNames: { "#data": "data" },
        ExpressionAttributeValues: { ":item": itemId, ":evt": "evt#" },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return {
    applications: items.filter((i) => i.entity === "application"),
    events: items.filter((i) => String(i.sk).startsWith("evt#")),
  };
}

/** The id of the application's event of `type` (its outbox item in intake's table). */
export async function applicationEventId(applicationId: string, type: string): Promise<string> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: stack.tables.intake,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
      ExpressionAttributeValues: { ":pk": `app#${applicationId}`, ":evt": "evt#" },
    }),
  );
  const event = Items.find((i) => i.type === type);
  if (!event) throw new Error(`no ${type} event for ${applicationId}`);
  return event.id as string;
}

export interface Attempt {
  consumer: string;
  eventId: string;
  eventType: string;
  outcome: "applied" | "duplicate" | "failed" | "parked";
  at: string;
}

/** The runtime's attempt log (`GET /_local/attempts`), optionally from an instant on. */
export async function attemptsSince(since?: string, consumer?: string): Promise<Attempt[]> {
  const res = await request("GET", `/_local/attempts${consumer ? `?consumer=${consumer}` : ""}`);
  return (res.body.attempts as Attempt[]).filter((a) => !since || a.at >= since);
}

/** Review's task for an application and the `review.assigned` events in its partition (straight from the table). */
export async function reviewTaskOf(applicationId: string) {
  const pk = `task#${applicationId}`;
  const [{ Item }, { Items = [] }] = await Promise.all([
    db.send(new GetCommand({ TableName: stack.tables.review, Key: { pk, sk: "task" } })),
    db.send(
      new QueryCommand({
        TableName: stack.tables.review,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
        ExpressionAttributeValues: { ":pk": pk, ":evt": "evt#" },
      }),
    ),
  ]);
  return { task: Item, assigned: Items.filter((e) => e.type === "review.assigned").length };
}
