import { duplicateUnless, type HandlerOutcome } from "#shared/events/consumer.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { ComplaintsPorts } from "../adapters/ports.ts";
import type {
  workOrderFollowedUp,
  workOrderReplied,
  workOrderSignedFor,
} from "../contract/work-order-events.ts";
import type { ratingSubmitted } from "../contract/rating-events.ts";
import { goesToHotline } from "../domain/rating.ts";

type Ports = Pick<ComplaintsPorts, "hotline" | "marks" | "clock">;

/** Nothing to send for this event, now or on any delivery: noted, so that a repeat is told from the first. */
const noted = async (event: { id: string }, ports: Ports): Promise<HandlerOutcome> =>
  duplicateUnless(await ports.marks.note("callbacks", event.id, ports.clock.now()));

/**
 * Send an event's callback once (the callback queue keeps no idempotency record: send-hotline-callback.handler.ts):
 * a callback noted sent is a `"duplicate"`; otherwise it is sent, then noted. A crash between the two sends it again
 * on the redelivery, which the hotline drops (the callback id is the event's id); two deliveries at once both send,
 * and the one that notes second is the duplicate.
 */
async function sendOnce(
  event: { id: string },
  ports: Ports,
  callback: () => Promise<void>,
): Promise<HandlerOutcome> {
  if (await ports.marks.noted("callbacks", event.id)) return "duplicate";
  await callback();
  return noted(event, ports);
}

/**
 * Tell the 12345 hotline what happened to its work order (signed for, replied, followed up), signed like its webhook.
 * The callback id is the event's id: the hotline drops a callback it already has, so a retry after a lost answer is
 * harmless. A failure fails the message: the queue retries it after its visibility timeout, and after the last
 * attempt it rests in the DLQ. Complaints made in the center are not the hotline's: nothing is sent.
 */
/**
 * Art. 52: every real-name 差评 is handed to the 12345 system for verification (核实), signed like the work-order
 * callbacks and retried the same way. It names the rating, the unit and the rater's account (the city's identity
 * platform resolves it to a person the hotline can call) — no ID or phone number travels. The verification comes back
 * through `POST /v1/hotline/evaluations/{ratingId}/verification`.
 */
export async function handPoorRatingToHotline(
  event: TypedEnvelope<typeof ratingSubmitted>,
  ports: Ports & Pick<ComplaintsPorts, "ratings">,
): Promise<HandlerOutcome> {
  const d = event.data;
  if (!goesToHotline(d)) return noted(event, ports);
  const rating = await ports.ratings.get(d.ratingId);
  if (!rating) return noted(event, ports);
  return sendOnce(event, ports, () =>
    ports.hotline.send({
      callbackId: event.id,
      type: "poorRating",
      ratingId: d.ratingId,
      unit: { centerId: d.centerId, ...(d.departmentId ? { departmentId: d.departmentId } : {}) },
      level: d.level,
      channel: d.channel,
      subject: d.subject,
      ...(d.staffId ? { staffId: d.staffId } : {}),
      ...(rating.raterId ? { raterAccountId: rating.raterId } : {}),
      ...(rating.comment ? { comment: rating.comment } : {}),
      ratedAt: d.ratedAt,
    }),
  );
}

export async function sendHotlineCallback(
  event: TypedEnvelope<typeof workOrderSignedFor | typeof workOrderReplied | typeof workOrderFollowedUp>,
  ports: Ports,
): Promise<HandlerOutcome> {
  const d = event.data;
  if (d.origin !== "hotline") return noted(event, ports);
  const common = {
    callbackId: event.id,
    orderNo: d.orderNo,
    unit: { centerId: d.centerId, ...(d.departmentId ? { departmentId: d.departmentId } : {}) },
  };
  switch (event.type) {
    case "work-order.signed-for": {
      const s = event.data as TypedEnvelope<typeof workOrderSignedFor>["data"];
      return sendOnce(event, ports, () =>
        ports.hotline.send({
          ...common,
          type: "signedFor",
          at: s.signedForAt,
          ...(s.contactedCallerAt ? { contactedCallerAt: s.contactedCallerAt } : {}),
        }),
      );
    }
    case "work-order.replied": {
      const r = event.data as TypedEnvelope<typeof workOrderReplied>["data"];
      return sendOnce(event, ports, () =>
        ports.hotline.send({
          ...common,
          type: "replied",
          at: r.repliedAt,
          outcome: r.outcome,
          reply: r.reply,
        }),
      );
    }
    case "work-order.followed-up": {
      const f = event.data as TypedEnvelope<typeof workOrderFollowedUp>["data"];
      // the hotline made this call itself and sent us its result: nothing to tell it
      if (f.madeBy === "hotline") return noted(event, ports);
      return sendOnce(event, ports, () =>
        ports.hotline.send({
          ...common,
          type: "followedUp",
          at: f.calledAt,
          reached: f.reached,
          ...(f.resolved !== undefined ? { resolved: f.resolved } : {}),
          ...(f.satisfied !== undefined ? { satisfied: f.satisfied } : {}),
        }),
      );
    }
  }
}
