import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { envelopeOf } from "../../support/envelope.ts";
import { sqs, stack } from "./api.ts";

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
  const { envelope, attributes } = envelopeOf(type, data, options);
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: stack.queues[queue]!,
      MessageBody: JSON.stringify(envelope),
      MessageAttributes: attributes,
    }),
  );
  return envelope;
}
