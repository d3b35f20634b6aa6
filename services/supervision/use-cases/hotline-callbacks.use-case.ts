import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { SupervisionPorts } from "../adapters/ports.ts";
import type { workOrderFollowedUp, workOrderReplied, workOrderSignedFor } from "../hotline-events.ts";

type Ports = Pick<SupervisionPorts, "hotline">;

/**
 * Tell the 12345 hotline what happened to its work order (signed for, replied, followed up), signed like its webhook.
 * The callback id is the event's id: the hotline drops a callback it already has, so a retry after a lost answer is
 * harmless. A failure fails the message: the queue retries it after its visibility timeout, and after the last
 * attempt it rests in the DLQ. Complaints made in the center are not the hotline's: nothing is sent.
 */
export async function sendHotlineCallback(
  event: TypedEnvelope<typeof workOrderSignedFor | typeof workOrderReplied | typeof workOrderFollowedUp>,
  ports: Ports,
): Promise<void> {
  const d = event.data;
  if (d.origin !== "hotline") return;
  const common = {
    callbackId: event.id,
    orderNo: d.orderNo,
    unit: { centerId: d.centerId, ...(d.departmentId ? { departmentId: d.departmentId } : {}) },
  };
  switch (event.type) {
    case "work-order.signed-for": {
      const s = event.data as TypedEnvelope<typeof workOrderSignedFor>["data"];
      return ports.hotline.send({
        ...common,
        type: "signedFor",
        at: s.signedForAt,
        ...(s.contactedCallerAt ? { contactedCallerAt: s.contactedCallerAt } : {}),
      });
    }
    case "work-order.replied": {
      const r = event.data as TypedEnvelope<typeof workOrderReplied>["data"];
      return ports.hotline.send({
        ...common,
        type: "replied",
        at: r.repliedAt,
        outcome: r.outcome,
        reply: r.reply,
      });
    }
    case "work-order.followed-up": {
      const f = event.data as TypedEnvelope<typeof workOrderFollowedUp>["data"];
      // the hotline made this call itself and sent us its result: nothing to tell it
      if (f.madeBy === "hotline") return;
      return ports.hotline.send({
        ...common,
        type: "followedUp",
        at: f.calledAt,
        reached: f.reached,
        ...(f.resolved !== undefined ? { resolved: f.resolved } : {}),
        ...(f.satisfied !== undefined ? { satisfied: f.satisfied } : {}),
      });
    }
  }
}
