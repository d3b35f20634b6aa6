import { randomUUID } from "node:crypto";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { ulidIds } from "#shared/ids.ts";
import { sqs, stack } from "./api.ts";

const ids = ulidIds({ now: () => new Date() });

/**
 * Put an event on a service's queue exactly as a publisher does (the envelope is the contract between services), for
 * tests of a consumer that should not have to drive another service's whole flow to get there. Returns the envelope,
 * so a test can send the same one again (a redelivery).
 */
export async function sendEvent(
  queue: string,
  type: string,
  data: Record<string, unknown>,
  options: { source?: string; occurredAt?: string; id?: string } = {},
) {
  const envelope = {
    id: options.id ?? ids.next("evt"),
    type,
    version: 1,
    occurredAt: options.occurredAt ?? new Date().toISOString(),
    source: options.source ?? "intake",
    subject: String(data.ticketId ?? data.applicationId ?? type),
    correlationId: randomUUID(),
    actor: { id: "usr_test", role: "clerk" },
    data,
  };
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: stack.queues[queue]!,
      MessageBody: JSON.stringify(envelope),
      MessageAttributes: {
        eventType: { DataType: "String", StringValue: type },
        eventVersion: { DataType: "Number", StringValue: "1" },
      },
    }),
  );
  return envelope;
}
