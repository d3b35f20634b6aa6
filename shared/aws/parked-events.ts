import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Envelope } from "../events/envelope.ts";
import { dynamo } from "./clients.ts";
import { queryAll } from "./dynamo.ts";

/**
 * Events a consumer parked because what they depend on had not arrived by the queue's last delivery
 * (shared/events/dependency.ts), in the consumer's own table:
 *   parked#<subject> / <consumer>#<eventId>     the envelope, when it was parked and why
 * They stay until the subject's next event brings them back and they apply — never deleted unapplied (nothing accepted
 * is lost; docs/runbook.md says how to find them).
 */
export function parkedEvents(tableName: string, consumer: string) {
  const pk = (subject: string) => `parked#${subject}`;
  return {
    async park(subject: string, envelope: Envelope, reason: string, at: string): Promise<void> {
      await dynamo().send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: pk(subject),
            sk: `${consumer}#${envelope.id}`,
            entity: "parkedEvent",
            consumer,
            envelope,
            reason,
            parkedAt: at,
          },
        }),
      );
    },

    async parked(subject: string): Promise<Envelope[]> {
      const records = await queryAll(tableName, pk(subject), `${consumer}#`);
      return records.map((r) => r.envelope as Envelope);
    },

    async release(subject: string, eventId: string): Promise<void> {
      await dynamo().send(
        new DeleteCommand({ TableName: tableName, Key: { pk: pk(subject), sk: `${consumer}#${eventId}` } }),
      );
    },
  };
}
