import { eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import { catalogEnv, catalogPorts } from "../adapters/ports.ts";
import { catalog } from "../service.ts";
import { noteGuideLimit } from "../use-cases/calendar-years.use-case.ts";
import { indexItem } from "../use-cases/index-item.use-case.ts";

/** The catalog's own queue: projections it keeps from its own events (the search index, the longest limit). */
export const handler = eventConsumer({
  name: queueId("catalog", "events"),
  queue: catalog.queues.events,
  tableName: catalogEnv.CATALOG_TABLE,
  deps: catalogPorts,
  handlers: { "item.registered": indexItem, "item.guide-published": noteGuideLimit },
});
