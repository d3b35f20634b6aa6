import { duplicateUnless, eventConsumer } from "#shared/events/consumer.ts";
import { queueId } from "#shared/manifest/naming.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { calendarYearPublished } from "#services/catalog/contract/events.ts";
import type { applicationSubmitted } from "#services/intake/contract/events.ts";
import { complaintsEnv, complaintsPorts, type ComplaintsPorts } from "../adapters/ports.ts";
import { complaints } from "../service.ts";
import * as directory from "../use-cases/project-directory.use-case.ts";
import {
  projectServedTicket,
  projectStoppedCase,
  projectSubmittedCase,
} from "../use-cases/ratings.use-case.ts";

/** Only the year is kept: complaints' deadlines (appeal window, rectification) are fixed when they are set. */
const projectCalendarYear = async (e: TypedEnvelope<typeof calendarYearPublished>, ports: ComplaintsPorts) =>
  duplicateUnless(await ports.calendar.project(e.data));

/** A case becomes known to the ratings when it is submitted (rated once it ends: clock.case-stopped). */
const projectSubmitted = async (e: TypedEnvelope<typeof applicationSubmitted>, ports: ComplaintsPorts) =>
  duplicateUnless(await projectSubmittedCase(e, ports));

/** Complaints' event queue: the catalog's directory and calendar; what may be rated, and from when. */
export const handler = eventConsumer({
  name: queueId("complaints", "events"),
  queue: complaints.queues.events,
  tableName: complaintsEnv.COMPLAINTS_TABLE,
  deps: complaintsPorts,
  /**
   * Every write here is a projection kept only if newer (putIfNewer, by version or the event's order): a repeat or an
   * older event changes nothing, so no idempotency record is written (issue 21). A visit's record is written whatever
   * it finds (the same facts again).
   */
  ownIdempotency: [
    "staff.registered",
    "staff.assignment-filed",
    "department.stationed",
    "window.registered",
    "window.updated",
    "center.closure-added",
    "center.closure-removed",
    "calendar.year-published",
    "application.submitted",
    "ticket.completed",
    "clock.case-stopped",
  ],
  handlers: {
    "staff.registered": directory.projectStaff,
    "staff.assignment-filed": directory.projectStaff,
    "department.stationed": directory.projectDepartment,
    "window.registered": directory.projectWindow,
    "window.updated": directory.projectWindow,
    "center.closure-added": directory.projectClosure,
    "center.closure-removed": directory.projectClosure,
    "calendar.year-published": projectCalendarYear,
    "application.submitted": projectSubmitted,
    "ticket.completed": projectServedTicket,
    "clock.case-stopped": projectStoppedCase,
  },
});
