import { clock } from "#shared/clock.ts";
import { DELIVERY_HEADER, verifySignature } from "#shared/webhooks/signature.ts";

/** A development secret for the local hotline webhook, printed at start; AWS reads the real one from Secrets Manager. */
export const DEV_HOTLINE_SECRET = "local-hotline-webhook-secret";

export interface ReceivedCallback {
  deliveryId: string;
  receivedAt: string;
  body: Record<string, unknown>;
}

/**
 * The 12345 hotline's end of our callbacks, locally (`/_local/hotline/*`): it checks each callback's signature like
 * the real system would, keeps what it received (`GET /_local/hotline/callbacks`), and can be told to answer 503 for a
 * number of requests or for good, to prove retries and the DLQ. A callback it already has (the same callback id) is
 * acknowledged again without a second entry — what a receiver honouring idempotency ids does.
 */
export class FakeHotline {
  readonly received: ReceivedCallback[] = [];
  attempts = 0;
  /** Requests per work order number, signed or not: how often each was tried. */
  readonly attemptsByOrder = new Map<string, number>();
  private failures = 0;

  constructor(private readonly secret: string) {}

  /** `null` = fail every request until told otherwise; 0 = stop failing. */
  failNext(times: number | null): void {
    this.failures = times === null ? Infinity : times;
  }

  receive(headers: Record<string, string | undefined>, rawBody: string): { status: number; body: unknown } {
    this.attempts++;
    const orderNo = /"orderNo":"([^"]*)"/.exec(rawBody)?.[1];
    if (orderNo) this.attemptsByOrder.set(orderNo, (this.attemptsByOrder.get(orderNo) ?? 0) + 1);
    try {
      verifySignature(headers, rawBody, this.secret, clock.now());
    } catch (error) {
      return { status: 401, body: { error: (error as Error).message } };
    }
    if (this.failures > 0) {
      this.failures--;
      return { status: 503, body: { error: "hotline temporarily unavailable" } };
    }
    const body = JSON.parse(rawBody) as Record<string, unknown>;
    const callbackId = String(body.callbackId ?? "");
    if (!this.received.some((c) => c.body.callbackId === callbackId))
      this.received.push({
        deliveryId: headers[DELIVERY_HEADER] ?? "",
        receivedAt: clock.now().toISOString(),
        body,
      });
    return { status: 200, body: { received: callbackId } };
  }
}
