import { eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import { reviewEnv, reviewPorts } from "../adapters/ports.ts";
import { reviewSeal } from "../adapters/seal.ts";
import { review } from "../service.ts";
import { denyUncured } from "../use-cases/decide.use-case.ts";
import {
  projectAuthorization,
  projectChiefRepresentative,
  projectDepartment,
  projectGuideTerms,
  projectStaff,
} from "../use-cases/project-reference.use-case.ts";
import { projectCalendarYear } from "../use-cases/project-calendar.use-case.ts";
import { createTask, markCured } from "../use-cases/tasks.use-case.ts";

/** Review's event queue: one handler per event type listed in service.ts. */
export const handler = eventConsumer({
  name: queueId("review", "events"),
  queue: review.queues.events,
  tableName: reviewEnv.REVIEW_TABLE,
  // The seal for the denial notice of an uncured tolerant acceptance (clock.cure-deadline-expired).
  deps: { ...reviewPorts, seal: reviewSeal() },
  handlers: {
    "application.accepted": createTask,
    "application.deemed-accepted": createTask,
    "application.accepted-with-deficiencies": createTask,
    "application.deficiency-cured": markCured,
    "clock.cure-deadline-expired": denyUncured,
    "item.status-changed": projectAuthorization,
    "item.guide-published": projectGuideTerms,
    "staff.registered": projectStaff,
    "staff.assignment-filed": projectStaff,
    "department.stationed": projectDepartment,
    "department.chief-representative-appointed": projectChiefRepresentative,
    "calendar.year-published": projectCalendarYear,
  },
  // Every handler here applies its event through its own conditional writes (a task created only if absent, changed
  // only at the version read, a projection kept only if newer) and says "duplicate" when it finds it applied: no
  // idempotency record for any type (two writes an event, issue 21).
  ownIdempotency: review.queues.events.consumes.map((e) => e.type),
});
