import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import * as z from "zod";
import { sqs } from "../aws/clients.ts";
import { jsonEnv, parseEnv } from "../config/env.ts";
import { observed } from "../lambda.ts";
import { publishStreamRecords } from "./publisher.ts";

/**
 * The publisher: one deployment per service table, fed by the table's stream (filtered to inserted event items).
 * SUBSCRIPTIONS maps event type → queue ids, SUBSCRIPTION_FILTERS `<type> <queue id>` → a subscription's filter, and
 * QUEUE_URLS queue id → URL; all are written from the manifest.
 */
const env = parseEnv(
  z.object({
    SUBSCRIPTIONS: jsonEnv(z.record(z.string(), z.array(z.string()))),
    SUBSCRIPTION_FILTERS: jsonEnv(
      z.record(
        z.string(),
        z.record(z.string(), z.union([z.boolean(), z.array(z.union([z.string(), z.boolean()]))])),
      ),
    ),
    QUEUE_URLS: jsonEnv(z.record(z.string(), z.url())),
  }),
);

const processor = new BatchProcessor(EventType.DynamoDBStreams);

export const handler = observed(async (event: DynamoDBStreamEvent, context) => {
  const failures = await publishStreamRecords(event.Records, {
    sqs: sqs(),
    subscriptions: env.SUBSCRIPTIONS,
    filters: env.SUBSCRIPTION_FILTERS,
    queueUrls: env.QUEUE_URLS,
  });
  return processPartialResponse(
    event,
    async (record: DynamoDBRecord) => {
      const failure = failures.get(record.dynamodb?.SequenceNumber ?? "");
      if (failure) throw failure;
    },
    processor,
    { context },
  );
});
