import type { Actor } from "../events/envelope.ts";
import type { Principal } from "./principal.ts";

/** Who asked, and the correlation id their request carries into every event it causes. */
export interface Caller {
  principal: Principal;
  correlationId: string;
}

export const actorOf = (principal: Principal): Actor => ({ id: principal.sub, role: principal.role });

/** The actor for work the system does on its own (schedules, consumers). */
export const systemActor = (name: string): Actor => ({ id: `system:${name}`, role: "system" });
