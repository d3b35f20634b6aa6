import type { Actor, EventContext } from "../events/envelope.ts";
import type { Principal } from "./principal.ts";

/** Who asked, and the correlation id their request carries into every event it causes. */
export interface Caller {
  principal: Principal;
  correlationId: string;
}

export const actorOf = (principal: Principal): Actor => ({ id: principal.sub, role: principal.role });

/** The actor for work the system does on its own (schedules, consumers). */
export const systemActor = (name: string): Actor => ({ id: `system:${name}`, role: "system" });

/** The context of an event a caller's request causes: who did it, and the request's correlation id. */
export const causedBy = (caller: Caller, source: string, subject: string): EventContext => ({
  source,
  subject,
  actor: actorOf(caller.principal),
  correlationId: caller.correlationId,
});
