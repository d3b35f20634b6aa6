/**
 * Names shared by the two runtimes (infra/aws and infra/local) and the handlers that read them. A handler parses
 * these variables with zod at load; the infrastructure sets them from the manifest. Defined once, here.
 */
export const SERVICE_NAMES = ["catalog", "intake", "review", "delivery", "supervision"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Environment variable holding a service's table name: `CATALOG_TABLE`. */
export const tableEnv = <S extends ServiceName>(service: S) =>
  `${service.toUpperCase()}_TABLE` as `${Uppercase<S>}_TABLE`;

/** Environment variable holding the URL of a service's own queue: `SUPERVISION_HOTLINE_CALLBACKS_QUEUE_URL`. */
export const queueUrlEnv = (service: ServiceName, queue: string) =>
  `${service.toUpperCase()}_${kebabToSnake(queue).toUpperCase()}_QUEUE_URL`;

/** A queue's id across the system, used in subscriptions: `intake-events`. */
export const queueId = (service: ServiceName, queue: string) => `${service}-${queue}`;

/** A function's logical name: `catalog-publish-guide`. */
export const functionId = (owner: string, handler: string) => `${owner}-${handler}`;

function kebabToSnake(s: string) {
  return s.replace(/-/g, "_");
}
