/**
 * The least a handler of this stack bundles before any of the project's code (issue 21): the DynamoDB document client
 * with the environment's credentials (the alias CDK bundles with), Powertools' logger and metrics, jose's JWT check
 * and zod/mini with one schema — each used once, so esbuild keeps what a handler needs of it and no more. Built by the
 * bench with the functions' esbuild options (bundles.bench.ts, `benchStackFloors`); never deployed.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { createRemoteJWKSet, jwtVerify } from "jose";
import * as z from "zod/mini";

const input = z.object({ id: z.string().check(z.minLength(1)), token: z.string() });
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const logger = new Logger();
const metrics = new Metrics();
const keys = createRemoteJWKSet(new URL("https://issuer.invalid/jwks.json"));

export const handler = async (event: unknown) => {
  const { id, token } = input.parse(event);
  await jwtVerify(token, keys);
  logger.info("read", { id });
  metrics.addMetric("reads", MetricUnit.Count, 1);
  const commands = [PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand];
  return { item: await documents.send(new GetCommand({ TableName: "t", Key: { pk: id } })), commands };
};
