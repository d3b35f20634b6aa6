import { randomUUID } from "node:crypto";
import {
  PermanentDeliveryError,
  TemporaryDeliveryError,
  type LocalOutbox,
  type OutgoingMessage,
} from "#services/delivery/adapters/message-provider.ts";

export interface OutboxFault {
  channel?: "sms" | "email";
  /** How many sends fail; `Infinity` = every one. */
  times: number;
  kind: "temporary" | "permanent";
}

export interface OutboxEntry extends OutgoingMessage {
  providerRef: string;
  sentAt: string;
}

/**
 * The local stand-in for SNS and SES (issue 6): messages land here, readable at `GET /_local/outbox`; it can be told to
 * fail (temporarily or for good) to prove retries and failures. Like a provider with idempotency keys, it accepts a
 * notification once: sending the same notification again answers the first reference and adds nothing.
 */
export class Outbox implements LocalOutbox {
  readonly entries: OutboxEntry[] = [];
  private faults: OutboxFault[] = [];
  readonly attempts = new Map<string, number>();

  deliver(message: OutgoingMessage): { providerRef: string } {
    this.attempts.set(message.notificationId, (this.attempts.get(message.notificationId) ?? 0) + 1);
    const fault = this.faults.find(
      (f) => f.times > 0 && (f.channel === undefined || f.channel === message.channel),
    );
    if (fault) {
      fault.times--;
      throw fault.kind === "permanent"
        ? new PermanentDeliveryError(`local outbox refuses ${message.channel} to this address`)
        : new TemporaryDeliveryError("local outbox temporarily unavailable");
    }
    const earlier = this.entries.find((e) => e.notificationId === message.notificationId);
    if (earlier) return { providerRef: earlier.providerRef };
    const entry = { ...message, providerRef: `local-${randomUUID()}`, sentAt: new Date().toISOString() };
    this.entries.push(entry);
    if (this.entries.length > 10_000) this.entries.shift();
    return { providerRef: entry.providerRef };
  }

  addFault(fault: OutboxFault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }
}
