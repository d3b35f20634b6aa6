import { spawnSync } from "node:child_process";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { model } from "#infra/manifest.ts";
import { replayStream } from "../../scripts/replay-stream.ts";
import { anonymous, as, db, drain, request, sqs, stack } from "./support/api.ts";
import { givenItem, guideInput } from "./support/factories.ts";

const CONSUMER = "intake-events";

/** The id of the newest event of `type` in the subject's partition of the catalog table (the outbox). */
async function latestEventId(itemId: string, type: string): Promise<string> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: stack.tables.catalog,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :evt)",
      ExpressionAttributeValues: { ":pk": `item#${itemId}`, ":evt": "evt#" },
      ScanIndexForward: false,
    }),
  );
  const event = Items.find((i) => i.type === type);
  if (!event) throw new Error(`no ${type} event for ${itemId}`);
  return event.id as string;
}

async function attempts(eventId: string): Promise<string[]> {
  const res = await request("GET", `/_local/attempts?consumer=${CONSUMER}&eventId=${eventId}`);
  return (res.body.attempts as { outcome: string }[]).map((a) => a.outcome);
}

afterEach(async () => {
  await request("DELETE", "/_local/faults");
});

describe("event plumbing: table stream → publisher → queue → consumer", () => {
  it("delivers a published guide to intake, which answers with the one-time notice (art. 20)", async () => {
    // Arrange
    const item = await givenItem({ name: "食品经营许可（测试）" });
    // Act
    const published = await as("admin").post(
      `/v1/items/${item.id}/guides`,
      guideInput({ committedLimitDays: 7 }),
    );
    await drain();
    const notice = await anonymous.get(`/v1/items/${item.id}/one-time-notice`);
    // Assert
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(1);
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({ itemId: item.id, itemName: "食品经营许可（测试）", guideVersion: 1 });
    expect(notice.body.timeLimit).toEqual({ committedWorkingDays: 7, statutoryWorkingDays: 20 });
    expect(notice.body.materials.map((m: { name: string }) => m.name)).toEqual(["申请表", "身份证明"]);
    expect(notice.body.text).toContain("承诺7个工作日");
  });

  it("carries a guide's English text to intake, which answers in English when asked, or says it has none (art. 15)", async () => {
    // Arrange
    const english = {
      itemName: "Test Licence",
      conditions: ["The applicant lives in Beijing"],
      procedure: ["Apply", "Acceptance", "Review", "Decision"],
      materials: [{ name: "申请表", text: "Application form" }],
      notes: "English is spoken at the foreign-language window.",
    };
    const translated = await givenItem({ name: "英文指南事项（测试）" });
    const untranslated = await givenItem({ name: "无英文指南事项（测试）" });
    // Act
    const published = await as("admin").post(`/v1/items/${translated.id}/guides`, guideInput({ english }));
    await as("admin").post(`/v1/items/${untranslated.id}/guides`, guideInput());
    await drain();
    const inEnglish = await anonymous.get(`/v1/items/${translated.id}/one-time-notice?lang=en`);
    const inChinese = await anonymous.get(`/v1/items/${translated.id}/one-time-notice`);
    const noEnglish = await anonymous.get(`/v1/items/${untranslated.id}/one-time-notice?lang=en`);
    const item = await anonymous.get(`/v1/items/${translated.id}`);
    // Assert
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.english).toEqual(english);
    expect(item.body.guide.english).toEqual(english);
    expect(inEnglish.status, JSON.stringify(inEnglish.body)).toBe(200);
    expect(inEnglish.body).toMatchObject({
      language: "en",
      englishAvailable: true,
      itemName: "Test Licence",
      conditions: english.conditions,
      procedure: english.procedure,
      notes: english.notes,
    });
    expect(
      inEnglish.body.materials.map((m: { name: string; englishName?: string }) => [m.name, m.englishName]),
    ).toEqual([
      ["申请表", "Application form"],
      ["身份证明", undefined],
    ]);
    expect(inEnglish.body.text).toContain("One-time notice: Test Licence");
    expect(inChinese.body).toMatchObject({
      language: "zh",
      englishAvailable: true,
      itemName: "英文指南事项（测试）",
    });
    expect(noEnglish.status).toBe(200);
    expect(noEnglish.body).toMatchObject({
      language: "zh",
      englishAvailable: false,
      itemName: "无英文指南事项（测试）",
      conditions: ["申请人为本市居民"],
    });
    expect(noEnglish.body.text).toMatch(/^一次性告知书：无英文指南事项（测试）/);
  });

  it("refuses a notice language it does not know", async () => {
    const item = await givenItem();
    const res = await anonymous.get(`/v1/items/${item.id}/one-time-notice?lang=fr`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toEqual(["query", "lang"]);
  });

  it("keeps the newest guide in force when a later version is published", async () => {
    const item = await givenItem();
    await as("admin").post(`/v1/items/${item.id}/guides`, guideInput({ committedLimitDays: 9 }));
    await as("admin").post(`/v1/items/${item.id}/guides`, guideInput({ committedLimitDays: 3 }));
    await drain();
    const notice = await anonymous.get(`/v1/items/${item.id}/one-time-notice`);
    const v1 = await anonymous.get(`/v1/items/${item.id}?version=1`);
    expect(notice.body.guideVersion).toBe(2);
    expect(notice.body.timeLimit.committedWorkingDays).toBe(3);
    expect(v1.body.guide.committedLimitDays).toBe(9);
  });

  it("redelivers a message whose consumer crashed, and applies it exactly once", async () => {
    // Arrange: the first attempt crashes before applying; the next applies and then crashes before the ack
    await request("POST", "/_local/faults", {
      body: { consumer: CONSUMER, eventType: "item.guide-published", phase: "before", times: 1 },
    });
    await request("POST", "/_local/faults", {
      body: { consumer: CONSUMER, eventType: "item.guide-published", phase: "after", times: 1 },
    });
    const item = await givenItem();
    // Act
    await as("admin").post(`/v1/items/${item.id}/guides`, guideInput());
    await drain();
    // Assert
    const eventId = await latestEventId(item.id, "item.guide-published");
    const outcomes = await attempts(eventId);
    expect(outcomes).toEqual(["failed", "applied", "failed", "duplicate"]);
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect((await anonymous.get(`/v1/items/${item.id}/one-time-notice`)).status).toBe(200);
  });

  it("moves a message that fails every attempt to the DLQ after maxReceiveCount, losing nothing", async () => {
    // Arrange
    await request("POST", "/_local/faults", {
      body: { consumer: CONSUMER, eventType: "item.guide-published", times: null },
    });
    const item = await givenItem();
    // Act
    await as("admin").post(`/v1/items/${item.id}/guides`, guideInput());
    await drain();
    // Assert
    const eventId = await latestEventId(item.id, "item.guide-published");
    expect(await attempts(eventId)).toEqual(["failed", "failed", "failed", "failed", "failed"]);
    const dlqUrl = stack.queues[`${CONSUMER}-dlq`]!;
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const dead = Messages.find((m) => JSON.parse(m.Body!).id === eventId);
    expect(dead).toBeDefined();
    expect(JSON.parse(dead!.Body!)).toMatchObject({ type: "item.guide-published", subject: item.id });
    expect((await anonymous.get(`/v1/items/${item.id}/one-time-notice`)).status).toBe(404);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: dead!.ReceiptHandle! }));
  });
});

describe("publisher failures", () => {
  it("retries a stream record the publisher could not send, and the consumer still applies it once", async () => {
    // Arrange
    await request("POST", "/_local/faults", {
      body: { consumer: "catalog-publisher", eventType: "item.guide-published", times: 2 },
    });
    const item = await givenItem();
    // Act
    await as("admin").post(`/v1/items/${item.id}/guides`, guideInput());
    await drain();
    // Assert
    const eventId = await latestEventId(item.id, "item.guide-published");
    const published = await request("GET", `/_local/attempts?consumer=catalog-publisher&eventId=${eventId}`);
    expect(published.body.attempts.map((a: { outcome: string }) => a.outcome)).toEqual([
      "failed",
      "failed",
      "applied",
    ]);
    expect(await attempts(eventId)).toEqual(["applied"]);
  });

  it("sends a record that fails every retry to the table's stream DLQ; replay-stream sends its event again, once", async () => {
    // Arrange
    await request("POST", "/_local/faults", {
      body: { consumer: "catalog-publisher", eventType: "item.guide-published", times: null },
    });
    const item = await givenItem();
    // Act
    await as("admin").post(`/v1/items/${item.id}/guides`, guideInput({ committedLimitDays: 6 }));
    await drain();
    // Assert: 1 attempt + 10 retries (DEFAULTS.streamRetryAttempts), then the failure record in the DLQ
    const eventId = await latestEventId(item.id, "item.guide-published");
    const published = await request("GET", `/_local/attempts?consumer=catalog-publisher&eventId=${eventId}`);
    expect(published.body.attempts).toHaveLength(11);
    const dlqUrl = stack.queues["catalog-stream-dlq"]!;
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    expect(Messages).toHaveLength(1);
    expect(JSON.parse(Messages[0]!.Body!)).toMatchObject({
      requestContext: { condition: "RetryAttemptsExhausted" },
      DDBStreamBatchInfo: { batchSize: 1 },
    });
    expect(await attempts(eventId)).toEqual([]);
    expect((await anonymous.get(`/v1/items/${item.id}/one-time-notice`)).status).toBe(404);
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: dlqUrl,
        ReceiptHandle: Messages[0]!.ReceiptHandle!,
        VisibilityTimeout: 0,
      }),
    );

    // Act: the cause fixed, the operator replays the stream's DLQ — twice, as a nervous operator would
    await request("DELETE", "/_local/faults");
    const streams = new DynamoDBStreamsClient({
      endpoint: stack.endpoints.dynamodb,
      region: "local",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const catalog = model.tables.find((t) => t.service === "catalog")!;
    const cli = spawnSync("npm", ["run", "--silent", "replay-stream", "--", "catalog"], {
      env: { ...process.env, SQS_ENDPOINT: stack.endpoints.sqs, DYNAMODB_ENDPOINT: stack.endpoints.dynamodb },
      encoding: "utf8",
      timeout: 60_000,
    });
    const again = await replayStream({ sqs, streams }, catalog);
    await drain();
    // Assert: the event reached intake once, the notice exists, the DLQ is empty
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(
      /^catalog-stream-dlq: 1 of 1 failure record\(s\) replayed, 1 event\(s\) sent again$/m,
    );
    expect(again).toMatchObject({ failureRecords: 0, replayed: 0 });
    expect(await attempts(eventId)).toEqual(["applied"]);
    const notice = await anonymous.get(`/v1/items/${item.id}/one-time-notice`);
    expect(notice.status).toBe(200);
    expect(notice.body.timeLimit.committedWorkingDays).toBe(6);
    const left = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 0 }));
    expect(left.Messages ?? []).toEqual([]);
  });

  it("keeps failure records it cannot replay, and says why", async () => {
    // Arrange: one message that is no failure record, one whose batch the stream never had (or no longer has)
    const dlqUrl = stack.queues["catalog-stream-dlq"]!;
    const streams = new DynamoDBStreamsClient({
      endpoint: stack.endpoints.dynamodb,
      region: "local",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const catalog = model.tables.find((t) => t.service === "catalog")!;
    const gone = {
      DDBStreamBatchInfo: {
        shardId: "shardId-00000000000000000000-00000000",
        startSequenceNumber: "000000000000000000001",
        endSequenceNumber: "000000000000000000001",
        streamArn: `arn:aws:dynamodb:ddblocal:000000000000:table/${stack.tables.catalog}/stream/2000-01-01T00:00:00.000`,
      },
    };
    for (const body of [{ note: "not one" }, gone])
      await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: JSON.stringify(body) }));
    // Act
    const result = await replayStream({ sqs, streams }, catalog);
    // Assert: both reported, both still in the DLQ (hidden for the run's visibility timeout)
    expect(result).toMatchObject({ failureRecords: 2, replayed: 0, events: 0 });
    expect(result.problems.join("\n")).toMatch(/not a stream failure record/);
    expect(result.problems.join("\n")).toMatch(/no longer in the stream/);
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: dlqUrl,
        AttributeNames: ["All"],
      }),
    );
    // (the emulator also counts in-flight messages in ApproximateNumberOfMessages; SQS does not)
    expect(Attributes.ApproximateNumberOfMessagesNotVisible).toBe("2");
    await sqs.send(new PurgeQueueCommand({ QueueUrl: dlqUrl }));
  });
});
