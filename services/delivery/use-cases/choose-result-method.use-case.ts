import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { retrying, type TransactItem } from "#shared/aws/dynamo.ts";
import { newEvent, type Envelope } from "#shared/events/envelope.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import { CompartmentTakenError } from "../adapters/result-store.ts";
import {
  checkMethodOffered,
  chooseCommand,
  instructions,
  linkExpiry,
  nextDeliveryState,
  pickupCode,
  signResultLink,
  type ChooseMethod,
  type ResultDelivery,
} from "../domain/results.ts";
import { deliveryCompleted, deliveryMethodChosen, deliveryReady } from "../contract/result-events.ts";
import { deliveryOr404, deliveryView } from "./result-delivery.use-case.ts";

type Ports = Pick<DeliveryPorts, "results" | "cases" | "links" | "clock" | "ids" | "policy">;

const HOUR_MS = 3_600_000;

/** The lowest compartment number not holding a result (the locker system would report its free cells). */
function freeCompartment(occupied: readonly number[]): number {
  const taken = new Set(occupied);
  let n = 1;
  while (taken.has(n)) n++;
  return n;
}

/**
 * Choose — or change — how the result is delivered (art. 32), by the owning applicant or a clerk of the center:
 * 1. Only a method the item's guide offers (422 naming `method`), and only until the result is handed over or
 *    dispatched (409). A change is recorded (`delivery.method-chosen` with the previous method); a locker
 *    compartment the result leaves is emptied.
 * 2. Per method: `window` issues a pickup code and is ready at once; `locker` loads the result into the lowest free
 *    compartment with a code, held for `policy.lockerHoldHours`; `mail` keeps the address until a clerk dispatches;
 *    `electronic` pushes a signed link valid for `policy.resultLinkHours`, which completes the delivery.
 * 3. The change, its events (`delivery.ready` with the applicant's instructions, `delivery.completed`) and any
 *    compartment claim are one transaction on the delivery's version.
 * The answer shows the codes or the link to the one who chose (the applicant, or the clerk handing the slip over).
 */
export async function chooseMethod(applicationId: string, input: ChooseMethod, caller: Caller, ports: Ports) {
  const next = await retrying(
    async () => {
      const delivery = await deliveryOr404(applicationId, caller.principal, ports);
      checkMethodOffered(input.method, delivery.offeredMethods);
      const state = nextDeliveryState(delivery.state, chooseCommand[input.method]);
      const now = ports.clock.now();
      const at = now.toISOString();
      const context = causedBy(caller, "delivery", applicationId);
      const ref = { applicationId, centerId: delivery.centerId, deliveryId: delivery.id };
      // A new code starts with no wrong tries (a locked one is unlocked by choosing again).
      const { window: _w, locker: _l, mail: _m, electronic: _e, codeGuard: _g, ...rest } = delivery;
      let changed: ResultDelivery = {
        ...rest,
        state,
        method: input.method,
        version: delivery.version + 1,
        updatedAt: at,
      };
      const extra: TransactItem[] = delivery.locker
        ? [
            ports.results.releaseCompartment(
              delivery.centerId,
              delivery.locker.lockerId,
              delivery.locker.compartment,
              applicationId,
            ),
          ]
        : [];
      const events: Envelope[] = [
        newEvent(
          deliveryMethodChosen,
          { ...ref, method: input.method, previousMethod: delivery.method, chosenAt: at },
          context,
          ports,
        ),
      ];
      const ready = (text: string, expiresAt?: string) =>
        newEvent(
          deliveryReady,
          { ...ref, method: input.method, instructions: text, readyAt: at, expiresAt },
          context,
          ports,
        );

      switch (input.method) {
        case "window": {
          const code = pickupCode();
          const centerName = (await ports.cases.centerName(delivery.centerId)) ?? "政务服务中心";
          changed = { ...changed, window: { pickupCode: code, issuedAt: at } };
          events.push(ready(instructions.window(code, centerName)));
          break;
        }
        case "locker": {
          const compartment = freeCompartment(
            await ports.results.occupiedCompartments(delivery.centerId, input.lockerId),
          );
          const locker = {
            lockerId: input.lockerId,
            compartment,
            code: pickupCode(),
            loadedAt: at,
            expiresAt: new Date(now.getTime() + ports.policy.lockerHoldHours * HOUR_MS).toISOString(),
          };
          changed = { ...changed, locker };
          extra.push(
            ports.results.claimCompartment(delivery.centerId, input.lockerId, compartment, applicationId),
          );
          events.push(ready(instructions.locker(locker), locker.expiresAt));
          break;
        }
        case "mail":
          changed = { ...changed, mail: { address: input.address } };
          break;
        case "electronic": {
          const linkId = ports.ids.next("rlk");
          const exp = linkExpiry(now, ports.policy.resultLinkHours);
          const signed = await signResultLink({ v: 1, app: applicationId, jti: linkId, exp }, ports.links);
          const path = `/v1/results/${signed.token}`;
          const expiresAt = new Date(exp * 1000).toISOString();
          changed = {
            ...changed,
            electronic: {
              linkId,
              path,
              keyId: signed.keyId,
              algorithm: signed.algorithm,
              pushedAt: at,
              expiresAt,
            },
            completedAt: at,
          };
          events.push(
            ready(instructions.electronic(path, ports.policy.resultLinkHours), expiresAt),
            newEvent(
              deliveryCompleted,
              { ...ref, method: "electronic", completedAt: at, readyAt: at },
              context,
              ports,
            ),
          );
          break;
        }
      }
      await ports.results.update(changed, events, extra);
      return changed;
    },
    (e) => e instanceof CompartmentTakenError,
  );
  return deliveryView(next, caller.principal, true);
}
