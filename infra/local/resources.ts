import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { ServiceName } from "#shared/manifest/naming.ts";
import type { IndexDefinition } from "#shared/manifest/types.ts";
import type { Model } from "../manifest.ts";

export interface LocalResources {
  tables: Map<ServiceName, { name: string; streamArn: string }>;
  queues: Map<string, { url: string; arn: string }>;
}

const tableName = (service: ServiceName) => `govservice-${service}`;

/**
 * Create every table and queue of the model in the emulators: the same keys, indexes, streams, TTL, DLQs and
 * maxReceiveCount the CDK app declares. Existing tables are kept (`--persist`).
 */
export async function createResources(
  model: Model,
  dynamodb: DynamoDBClient,
  sqs: SQSClient,
): Promise<LocalResources> {
  const tables = new Map<ServiceName, { name: string; streamArn: string }>();
  for (const table of model.tables) {
    const name = tableName(table.service);
    const streamArn =
      (await existingStream(dynamodb, name)) ?? (await createTable(dynamodb, name, table.definition.indexes));
    tables.set(table.service, { name, streamArn });
  }

  const queues = new Map<string, { url: string; arn: string }>();
  const create = async (name: string, attributes: Record<string, string>) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
    );
    queues.set(name, { url: QueueUrl!, arn: Attributes!.QueueArn! });
    return queues.get(name)!;
  };
  for (const table of model.tables) await create(table.streamDlqId, { MessageRetentionPeriod: "1209600" });
  for (const queue of model.queues) {
    const dlq = await create(queue.dlqId, { MessageRetentionPeriod: "1209600" });
    await create(queue.id, {
      VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: queue.maxReceiveCount }),
    });
  }
  return { tables, queues };
}

/**
 * One service table as the CDK app declares it: `pk`/`sk`, the manifest's GSIs (all attributes projected, keys only,
 * or keys and the attributes named, as the manifest says), a NEW_AND_OLD_IMAGES stream and TTL on `ttl`. Returns the
 * stream's ARN.
 */
export async function createTable(
  dynamodb: DynamoDBClient,
  name: string,
  indexes: readonly Pick<IndexDefinition, "name" | "projection">[],
): Promise<string> {
  const keys = indexes.flatMap((i) => [`${i.name}pk`, `${i.name}sk`]);
  const created = await dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: ["pk", "sk", ...keys].map((AttributeName) => ({
        AttributeName,
        AttributeType: "S",
      })),
      GlobalSecondaryIndexes: indexes.length
        ? indexes.map((i) => ({
            IndexName: i.name,
            KeySchema: [
              { AttributeName: `${i.name}pk`, KeyType: "HASH" },
              { AttributeName: `${i.name}sk`, KeyType: "RANGE" },
            ],
            Projection:
              typeof i.projection === "object"
                ? { ProjectionType: "INCLUDE", NonKeyAttributes: [...i.projection.include] }
                : { ProjectionType: i.projection === "keysOnly" ? "KEYS_ONLY" : "ALL" },
          }))
        : undefined,
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }),
  );
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: name,
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
    }),
  );
  return created.TableDescription!.LatestStreamArn!;
}

async function existingStream(dynamodb: DynamoDBClient, name: string): Promise<string | undefined> {
  try {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
    return Table?.LatestStreamArn;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
