import { eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import { intakeEnv, intakePorts } from "../adapters/ports.ts";
import { intake } from "../service.ts";
import { projectGuide } from "../use-cases/project-guide.use-case.ts";

/** Intake's event queue: one handler per event type listed in service.ts. */
export const handler = eventConsumer({
  name: queueId("intake", "events"),
  queue: intake.queues.events,
  tableName: intakeEnv.INTAKE_TABLE,
  deps: intakePorts,
  handlers: { "item.guide-published": projectGuide },
});
