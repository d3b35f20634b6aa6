import { httpHandlerFactory } from "#shared/http/handler.ts";
import { intakeEnv, intakePorts, type IntakeClientPorts } from "./ports.ts";

/**
 * The middy chain bound to intake's ports, for its HTTP handlers only. Kept out of ports.ts so that queue consumers and
 * schedules do not bundle and load the HTTP chain (JWT verification, body parsing, the idempotency step).
 */
export const intakeHttp = httpHandlerFactory({ deps: intakePorts, tableName: intakeEnv.INTAKE_TABLE });

/**
 * The same chain for a handler that also uses the materials bucket or the seal: it passes the ones it uses
 * (`materialsStorage()`, `intakeSeal()`), and only its bundle holds their SDK clients.
 */
export function intakeHttpWith<P extends Partial<IntakeClientPorts>>(ports: P) {
  return httpHandlerFactory({ deps: { ...intakePorts, ...ports }, tableName: intakeEnv.INTAKE_TABLE });
}
