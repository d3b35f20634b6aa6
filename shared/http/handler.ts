import { requestRecords } from "../aws/request-records.ts";
import { httpChainFactory } from "./chain.ts";
import { idempotencyStep } from "./idempotency.ts";

export type { HandlerInput } from "./chain.ts";

export interface HttpHandlerOptions<D> {
  deps: D;
  /** The service's table, which keeps idempotency records. */
  tableName?: string;
}

/**
 * A service's HTTP chain (shared/http/chain.ts `httpChainFactory`) with the idempotency step on its changing routes
 * (shared/http/idempotency.ts), keeping their records in the service's table. The platform routes use `platformHttp`
 * (shared/http/chain.ts), which never loads the step or its DynamoDB client.
 */
export function httpHandlerFactory<D>({ deps, tableName }: HttpHandlerOptions<D>) {
  return httpChainFactory({
    deps,
    idempotencyStep: tableName
      ? (name, route) =>
          idempotencyStep(requestRecords(tableName), name, route.idempotent === "in-transaction")
      : undefined,
  });
}
