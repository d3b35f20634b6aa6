import { eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import { complaintsEnv, complaintsPorts } from "../adapters/ports.ts";
import { complaints } from "../service.ts";
import { projectStaff } from "../use-cases/project-directory.use-case.ts";

/** Complaints' event queue: the catalog's roster, projected into its own table. */
export const handler = eventConsumer({
  name: queueId("complaints", "events"),
  queue: complaints.queues.events,
  tableName: complaintsEnv.COMPLAINTS_TABLE,
  deps: complaintsPorts,
  /** A staff record is kept only if newer (putIfNewer): a repeat or an older event changes nothing. */
  ownIdempotency: ["staff.registered", "staff.assignment-filed"],
  handlers: {
    "staff.registered": projectStaff,
    "staff.assignment-filed": projectStaff,
  },
});
