/**
 * An event that arrived before the one it depends on (queues keep no order): a notification before the applicant's
 * contact, a clock's pause before its start. The consumer lets the queue bring it back a few times; on the last
 * delivery the queue allows it parks the event under its subject instead of dead-lettering it, and the next event of
 * that subject it applies brings the parked ones back (shared/events/consumer.ts). `subject` is the case (application
 * or work order id) whose events can unblock it.
 */
export class DependencyPendingError extends Error {
  override name = "DependencyPendingError";
  constructor(
    readonly subject: string,
    message: string,
  ) {
    super(message);
  }
}
