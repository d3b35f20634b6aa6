import { randomUUID } from "node:crypto";
import { ulidIds } from "#shared/ids.ts";

const ids = ulidIds({ now: () => new Date() });

/**
 * An event's envelope exactly as a publisher writes it (the contract between services), and the message attributes a
 * queue subscription filters on: for tests that put another service's event on a queue themselves.
 */
export function envelopeOf(
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
  const attributes = {
    eventType: { DataType: "String", StringValue: type },
    eventVersion: { DataType: "Number", StringValue: "1" },
  };
  return { envelope, attributes };
}
