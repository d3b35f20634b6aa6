import { httpHandlerFactory } from "#shared/http/handler.ts";
import { intakeEnv, intakePorts } from "./ports.ts";

/**
 * The middy chain bound to intake's ports, for its HTTP handlers only. Kept out of ports.ts so that queue consumers and
 * schedules do not bundle and load the HTTP chain (JWT verification, body parsing, the idempotency middleware).
 */
export const intakeHttp = httpHandlerFactory({ deps: intakePorts, tableName: intakeEnv.INTAKE_TABLE });
