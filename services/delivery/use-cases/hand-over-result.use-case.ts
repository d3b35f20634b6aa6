import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { retrying } from "#shared/aws/dynamo.ts";
import { ConflictError, RuleViolationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import {
  afterWrongCode,
  beijingDateTime,
  CodeLockedError,
  codesMatch,
  instructions,
  MAX_WRONG_CODES,
  nextDeliveryState,
  readyAtOf,
  wrongCode,
  type IdentityCheck,
  type ResultDelivery,
} from "../domain/results.ts";
import { codeLocked, deliveryCompleted, deliveryReady, deliveryReturned } from "../contract/result-events.ts";
import { centerDeliveryOr404, deliveryView } from "./result-delivery.use-case.ts";

type Ports = Pick<DeliveryPorts, "results" | "clock" | "ids">;

/**
 * Check a presented pickup or locker code against the one issued. A locked code refuses everything; a wrong one is
 * counted (the count is written before the refusal is answered, so guessing costs tries even in parallel: a count lost
 * to a concurrent write is written again on the fresh delivery), and the fifth in a row locks it, telling the applicant
 * (`delivery.code-locked`). The first right code after wrong ones is simply taken.
 */
async function checkCode(
  d: ResultDelivery,
  issued: string | undefined,
  presented: string,
  field: "pickupCode" | "code",
  caller: Caller,
  ports: Ports,
): Promise<void> {
  if (d.codeGuard?.lockedAt) throw new CodeLockedError(field, d.codeGuard.lockedAt);
  if (issued !== undefined && codesMatch(issued, presented)) return;
  const at = ports.clock.now().toISOString();
  const counted = await retrying(
    async () => {
      const fresh = (await ports.results.get(d.applicationId)) ?? d;
      if (fresh.codeGuard?.lockedAt) return fresh;
      const next = afterWrongCode(fresh, at);
      const events = next.codeGuard?.lockedAt
        ? [
            newEvent(
              codeLocked,
              {
                ...refOf(d),
                method: d.method ?? (field === "code" ? "locker" : "window"),
                lockedAt: at,
                wrongCodes: next.codeGuard.wrong,
              },
              causedBy(caller, "delivery", d.applicationId),
              ports,
            ),
          ]
        : [];
      await ports.results.update(next, events);
      return next;
    },
    (error) => error instanceof ConflictError,
  );
  if (counted.codeGuard?.lockedAt) throw new CodeLockedError(field, counted.codeGuard.lockedAt);
  throw wrongCode(field, MAX_WRONG_CODES - (counted.codeGuard?.wrong ?? 0));
}

const refOf = (d: ResultDelivery) => ({
  applicationId: d.applicationId,
  centerId: d.centerId,
  deliveryId: d.id,
});

/**
 * Hand the result over at the window (窗口领取): a clerk of the center checks the pickup code (422 naming
 * `pickupCode` when wrong) and the collector's identity, and records who handed over, when and how identity was
 * checked. Completes the delivery (`delivery.completed`).
 */
export async function handOver(
  applicationId: string,
  input: { pickupCode: string; identityCheck: IdentityCheck },
  caller: Caller,
  ports: Ports,
) {
  const d = await centerDeliveryOr404(applicationId, caller.principal, ports);
  const state = nextDeliveryState(d.state, "handOver");
  await checkCode(d, d.window?.pickupCode, input.pickupCode, "pickupCode", caller, ports);
  const at = ports.clock.now().toISOString();
  const p = caller.principal;
  const next: ResultDelivery = {
    ...d,
    state,
    handover: { by: p.sub, role: p.role, at, identityCheck: input.identityCheck },
    completedAt: at,
    version: d.version + 1,
    updatedAt: at,
  };
  const completed = newEvent(
    deliveryCompleted,
    { ...refOf(d), method: "window", completedAt: at, readyAt: readyAtOf(d, "window") },
    causedBy(caller, "delivery", applicationId),
    ports,
  );
  await ports.results.update(next, [completed]);
  return deliveryView(next, p);
}

/**
 * Self-service pickup (自助领取): the locker system (a clerk's token stands in for it) reports the code entered. A
 * wrong code, or a hold that expired (`policy.lockerHoldHours`: the result goes back to the window, and the applicant
 * chooses again), is refused with 422 naming `code`. Empties the compartment and completes the delivery.
 */
export async function pickUpFromLocker(
  applicationId: string,
  input: { code: string },
  caller: Caller,
  ports: Ports,
) {
  const d = await centerDeliveryOr404(applicationId, caller.principal, ports);
  const state = nextDeliveryState(d.state, "pickUpFromLocker");
  const locker = d.locker;
  await checkCode(d, locker?.code, input.code, "code", caller, ports);
  if (!locker) throw wrongCode("code", MAX_WRONG_CODES);
  const now = ports.clock.now();
  if (now.getTime() >= new Date(locker.expiresAt).getTime()) {
    throw new RuleViolationError(
      "locker-hold-expired",
      `The locker held the result until ${beijingDateTime(locker.expiresAt)} (Beijing time); it goes back to the window. Choose window pickup or another method.`,
      [{ path: ["code"], message: "the locker hold has expired" }],
      { expiredAt: locker.expiresAt },
    );
  }
  const at = now.toISOString();
  const p = caller.principal;
  const next: ResultDelivery = {
    ...d,
    state,
    handover: { by: p.sub, role: p.role, at },
    completedAt: at,
    version: d.version + 1,
    updatedAt: at,
  };
  const completed = newEvent(
    deliveryCompleted,
    { ...refOf(d), method: "locker", completedAt: at, readyAt: readyAtOf(d, "locker") },
    causedBy(caller, "delivery", applicationId),
    ports,
  );
  await ports.results.update(
    next,
    [completed],
    [ports.results.releaseCompartment(d.centerId, locker.lockerId, locker.compartment, applicationId)],
  );
  return deliveryView(next, p);
}

/**
 * Send the result by mail (邮寄): a clerk records the carrier and tracking number. From now on the method can no longer
 * change; the applicant is told how to track it (`delivery.ready`).
 */
export async function dispatch(
  applicationId: string,
  input: { carrier: string; trackingNumber: string },
  caller: Caller,
  ports: Ports,
) {
  const d = await centerDeliveryOr404(applicationId, caller.principal, ports);
  const state = nextDeliveryState(d.state, "dispatch");
  const at = ports.clock.now().toISOString();
  const next: ResultDelivery = {
    ...d,
    state,
    mail: { ...d.mail!, carrier: input.carrier, trackingNumber: input.trackingNumber, dispatchedAt: at },
    version: d.version + 1,
    updatedAt: at,
  };
  const ready = newEvent(
    deliveryReady,
    {
      ...refOf(d),
      method: "mail",
      instructions: instructions.mail(input.carrier, input.trackingNumber),
      readyAt: at,
    },
    causedBy(caller, "delivery", applicationId),
    ports,
  );
  await ports.results.update(next, [ready]);
  return deliveryView(next, caller.principal);
}

/**
 * What the carrier reported: delivered completes the delivery; returned (退件) puts it back to the applicant, who
 * chooses again (mail to another address, or another method).
 */
export async function recordMailResult(
  applicationId: string,
  input: { outcome: "delivered" | "returned"; note?: string },
  caller: Caller,
  ports: Ports,
) {
  const d = await centerDeliveryOr404(applicationId, caller.principal, ports);
  const delivered = input.outcome === "delivered";
  const state = nextDeliveryState(d.state, delivered ? "recordDelivered" : "recordReturned");
  const at = ports.clock.now().toISOString();
  const next: ResultDelivery = {
    ...d,
    state,
    mail: { ...d.mail!, outcome: input.outcome, outcomeAt: at, ...(input.note ? { note: input.note } : {}) },
    ...(delivered ? { completedAt: at } : {}),
    version: d.version + 1,
    updatedAt: at,
  };
  const context = causedBy(caller, "delivery", applicationId);
  const event = delivered
    ? newEvent(
        deliveryCompleted,
        { ...refOf(d), method: "mail", completedAt: at, readyAt: readyAtOf(d, "mail") },
        context,
        ports,
      )
    : newEvent(deliveryReturned, { ...refOf(d), method: "mail", returnedAt: at }, context, ports);
  await ports.results.update(next, [event]);
  return deliveryView(next, caller.principal);
}
