import { DescribeTableCommand, GetItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Image, TableShape } from "./billing.ts";

/**
 * Reads items as they are, beside the code under measurement (its own client, not metered), and each table's keys and
 * indexes as DynamoDB describes them: what the billing meter needs to price a write from its images.
 */
export interface ImageReader {
  shape(table: string): Promise<TableShape>;
  /** Keys of a table already described (writeTargets needs them synchronously). */
  keysOf(table: string): readonly string[];
  get(table: string, key: Image): Promise<Image | undefined>;
}

export function imageReader(client: DynamoDBClient): ImageReader {
  const shapes = new Map<string, TableShape>();
  return {
    async shape(table) {
      const known = shapes.get(table);
      if (known) return known;
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
      const shape: TableShape = {
        keys: (Table?.KeySchema ?? []).map((k) => k.AttributeName!),
        indexes: (Table?.GlobalSecondaryIndexes ?? []).map((i) => ({
          name: i.IndexName!,
          keys: (i.KeySchema ?? []).map((k) => k.AttributeName!),
          projection: (i.Projection?.ProjectionType ?? "ALL") as "ALL" | "KEYS_ONLY" | "INCLUDE",
          include: i.Projection?.NonKeyAttributes ?? [],
        })),
      };
      shapes.set(table, shape);
      return shape;
    },
    keysOf: (table) => shapes.get(table)?.keys ?? ["pk", "sk"],
    async get(table, key) {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }),
      );
      return Item;
    },
  };
}
