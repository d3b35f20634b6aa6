import { httpHandlerFactory } from "#shared/http/handler.ts";
import { catalogEnv, catalogPorts } from "./ports.ts";

/**
 * The middy chain bound to catalog's ports, for its HTTP handlers only. Kept out of ports.ts so that queue consumers and
 * schedules do not bundle and load the HTTP chain (JWT verification, body parsing, the idempotency middleware).
 */
export const catalogHttp = httpHandlerFactory({ deps: catalogPorts, tableName: catalogEnv.CATALOG_TABLE });
