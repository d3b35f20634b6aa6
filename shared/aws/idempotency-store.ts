import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { dynamoClient } from "./clients.ts";

/**
 * Idempotency records live in the owning service's own table (one table per service), in a partition per route or
 * consumer (`idem#<name>`), expiring through the table's `ttl` attribute.
 */
export function idempotencyStore(tableName: string, name: string) {
  return new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: "pk",
    sortKeyAttr: "sk",
    staticPkValue: `idem#${name}`,
    expiryAttr: "ttl",
    inProgressExpiryAttr: "inProgressUntil",
    statusAttr: "idemStatus",
    dataAttr: "idemData",
    validationKeyAttr: "idemValidation",
    awsSdkV3Client: dynamoClient(),
  });
}
