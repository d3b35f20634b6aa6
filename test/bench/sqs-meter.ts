import type { SQSClient } from "@aws-sdk/client-sqs";

/**
 * Counts what handlers send through the shared SQS client: requests (SendMessage, SendMessageBatch) and the messages
 * they carry. The local pollers receive and delete with their own client, so those are modelled (cost.ts), not counted.
 */
export function meterSqs(client: SQSClient, counts: () => boolean = () => true) {
  let sends = { requests: 0, messages: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (!counts()) return result;
      const input = args.input as { Entries?: unknown[] };
      if (context.commandName === "SendMessageBatchCommand") {
        sends.requests++;
        sends.messages += input.Entries?.length ?? 0;
      } else if (context.commandName === "SendMessageCommand") {
        sends.requests++;
        sends.messages++;
      }
      return result;
    },
    { step: "initialize", name: "benchSqsMeter" },
  );
  return {
    reset: () => void (sends = { requests: 0, messages: 0 }),
    totals: () => ({ ...sends }),
  };
}
