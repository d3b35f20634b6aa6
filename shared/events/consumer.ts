import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { idempotencyStore } from "../aws/idempotency-store.ts";
import { parkedEvents } from "../aws/parked-events.ts";
import { clock } from "../clock.ts";
import { DependencyPendingError } from "./dependency.ts";
import { observed } from "../lambda.ts";
import { DEFAULTS, type QueueDefinition } from "../manifest/types.ts";
import { logger, metrics } from "../observability.ts";
import type { EventDefinition } from "./define-event.ts";
import { envelopeSchema, type Envelope, type TypedEnvelope } from "./envelope.ts";
import { consumerHooks } from "./local-hooks.ts";

/** What the queue says about this delivery: the how-many-th attempt it is, and how many the queue allows. */
export interface DeliveryAttempt {
  receiveCount: number;
  maxReceiveCount: number;
}

/**
 * What a handler may say about the event it was given: nothing (it was applied), or `"duplicate"` — its own
 * conditional writes found the event already applied. Only handlers listed in `ownIdempotency` need to say it.
 */
export type HandlerOutcome = void | "duplicate";

/** The outcome of a handler listed in `ownIdempotency` from its conditional writes: applied if any wrote. */
export const duplicateUnless = (...wrote: boolean[]): HandlerOutcome =>
  wrote.some(Boolean) ? undefined : "duplicate";

/** One handler per consumed event type, typed from the queue's `consumes` list — a missing one does not compile. */
export type EventHandlers<Q extends QueueDefinition, D> = {
  [E in Q["consumes"][number] as E["type"]]: (
    event: TypedEnvelope<E>,
    deps: D,
    attempt: DeliveryAttempt,
  ) => Promise<HandlerOutcome>;
};

export class UnsupportedEventError extends Error {
  override name = "UnsupportedEventError";
}

export interface ConsumerOptions<Q extends QueueDefinition, D> {
  /** `<service>-<queue>` (queueId): names the idempotency partition, metrics and logs. */
  name: string;
  queue: Q;
  /** The owning service's table, which keeps the idempotency records. */
  tableName: string;
  deps: D;
  handlers: EventHandlers<Q, D>;
  /** How long an applied event id is remembered (covers SQS retention and DLQ redrives). */
  rememberSeconds?: number;
  /**
   * Event types whose handlers are idempotent through their own conditional writes: applying one twice, or two
   * deliveries at once, leaves what one application leaves, and a repeat returns `"duplicate"`. No idempotency record
   * is kept for them — the record costs two writes per event (in progress, then completed) and adds nothing their
   * own conditions do not already give (issue 21). Every other type keeps its record.
   */
  ownIdempotency?: readonly Q["consumes"][number]["type"][];
}

/** How long a consumer remembers an applied event by default: SQS retention and DLQ redrives. */
export const SEVEN_DAYS = 7 * 24 * 3600;

/** The subjects an event can unblock: its case (application or work order) and its own subject. */
function subjectsOf(envelope: Envelope): string[] {
  const data = envelope.data as { applicationId?: unknown; workOrderId?: unknown };
  return [
    ...new Set(
      [data.applicationId, data.workOrderId, envelope.subject].filter(
        (s): s is string => typeof s === "string",
      ),
    ),
  ];
}

/**
 * A queue consumer: Powertools' BatchProcessor with partial batch failures. Each record is parsed (envelope, then the
 * event's own schema) and applied once per event id: by Powertools idempotency keyed on the event id, or, for the
 * types listed in `ownIdempotency`, by the handler's own conditional writes. Throwing fails
 * only that record: SQS redelivers it and, after maxReceiveCount, moves it to the DLQ. An event type or version the
 * queue does not declare is logged as an error and failed, so it ends in the DLQ — never dropped silently.
 *
 * An event that waits for another one (`DependencyPendingError`) is retried like any failure, but on the last delivery
 * the queue allows it is parked under its subject instead of dead-lettered; every event this consumer applies brings
 * the parked events of its subjects back, so the one that was waited for releases them (issue 15).
 */
export function eventConsumer<Q extends QueueDefinition, D>({
  name,
  queue,
  tableName,
  deps,
  handlers,
  rememberSeconds = SEVEN_DAYS,
  ownIdempotency = [],
}: ConsumerOptions<Q, D>) {
  const definitions = new Map<string, EventDefinition>(queue.consumes.map((e) => [e.type, e]));
  const byType = handlers as unknown as Record<
    string,
    (event: TypedEnvelope<EventDefinition>, deps: D, attempt: DeliveryAttempt) => Promise<HandlerOutcome>
  >;
  const ownTypes = new Set<string>(ownIdempotency);
  const maxReceiveCount = queue.maxReceiveCount ?? DEFAULTS.maxReceiveCount;
  const processor = new BatchProcessor(EventType.SQS);
  const parking = parkedEvents(tableName, name);
  const config = new IdempotencyConfig({ eventKeyJmesPath: "id", expiresAfterSeconds: rememberSeconds });
  const applied = new Set<string>();

  /** Run the event's handler; adds its id to `applied` unless the handler found it applied before. */
  const run = async (envelope: Envelope, attempt: DeliveryAttempt) => {
    const data = definitions.get(envelope.type)!.schema.parse(envelope.data);
    const outcome = await byType[envelope.type]!(
      { ...envelope, data } as TypedEnvelope<EventDefinition>,
      deps,
      attempt,
    );
    if (outcome !== "duplicate") applied.add(envelope.id);
    return { appliedBy: name };
  };
  // A consumer whose every type keeps its own idempotency builds no record store at its cold start.
  const recorded = queue.consumes.some((e) => !ownTypes.has(e.type))
    ? makeIdempotent(run, {
        persistenceStore: idempotencyStore(tableName, name),
        config,
        keyPrefix: name,
        dataIndexArgument: 0,
      })
    : undefined;
  const apply = (envelope: Envelope, attempt: DeliveryAttempt) =>
    recorded && !ownTypes.has(envelope.type) ? recorded(envelope, attempt) : run(envelope, attempt);

  /** Apply a parked event once more: applied (or already applied), it is released; still waiting, it stays parked. */
  const applyParked = async (subject: string, parked: Envelope) => {
    try {
      await apply(parked, { receiveCount: maxReceiveCount, maxReceiveCount });
      const outcome = applied.delete(parked.id) ? "applied" : "duplicate";
      consumerHooks()?.observe(name, parked.id, parked.type, outcome);
      await parking.release(subject, parked.id);
      logger.info("parked event applied", { consumer: name, eventId: parked.id, eventType: parked.type });
    } catch (error) {
      applied.delete(parked.id);
      if (!(error instanceof DependencyPendingError))
        logger.error("parked event not applied", {
          consumer: name,
          eventId: parked.id,
          eventType: parked.type,
          error: error as Error,
        });
    }
  };

  /** Bring back what was parked under the subjects of an event just applied; each applies once, or stays parked. */
  const releaseParked = async (after: Envelope) => {
    for (const subject of subjectsOf(after))
      for (const parked of await parking.parked(subject)) await applyParked(subject, parked);
  };

  const handleRecord = async (record: SQSRecord) => {
    const envelope = parseRecord(record);
    const hooks = consumerHooks();
    const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? 1);
    try {
      const definition = definitions.get(envelope.type);
      if (!definition || definition.version !== envelope.version) {
        throw new UnsupportedEventError(`${name} does not handle ${envelope.type} v${envelope.version}`);
      }
      hooks?.fault(name, envelope.id, envelope.type, "before");
      await apply(envelope, { receiveCount, maxReceiveCount });
      const outcome = applied.delete(envelope.id) ? "applied" : "duplicate";
      metrics.addMetric(outcome === "applied" ? "EventApplied" : "EventDuplicate", MetricUnit.Count, 1);
      hooks?.observe(name, envelope.id, envelope.type, outcome);
      hooks?.fault(name, envelope.id, envelope.type, "after");
      if (outcome === "applied") await releaseParked(envelope);
    } catch (error) {
      if (error instanceof DependencyPendingError && receiveCount >= maxReceiveCount) {
        // The last delivery the queue allows: park rather than dead-letter what only waits for another event.
        applied.delete(envelope.id);
        await parking.park(error.subject, envelope, error.message, clock.now().toISOString());
        hooks?.observe(name, envelope.id, envelope.type, "parked");
        logger.warn("event parked until its subject's next event", {
          consumer: name,
          eventId: envelope.id,
          eventType: envelope.type,
          subject: error.subject,
          reason: error.message,
        });
        // The event waited for may have been applied between the failure and the parking, and found nothing to
        // release then: one more try now closes that gap (the restart drill lost an event to it).
        await applyParked(error.subject, envelope);
        return;
      }
      applied.delete(envelope.id);
      hooks?.observe(name, envelope.id, envelope.type, "failed");
      logger.error("event not applied", {
        consumer: name,
        eventId: envelope.id,
        eventType: envelope.type,
        eventVersion: envelope.version,
        receiveCount: record.attributes.ApproximateReceiveCount,
        error: error as Error,
      });
      throw error;
    }
  };

  return observed(async (event: SQSEvent, context) => {
    config.registerLambdaContext(context);
    return processPartialResponse(event, handleRecord, processor, { context });
  });
}

function parseRecord(record: SQSRecord): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    logger.error("message body is not JSON", { messageId: record.messageId });
    throw new UnsupportedEventError(`Message ${record.messageId} is not JSON`);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    logger.error("message is not an event envelope", {
      messageId: record.messageId,
      issues: parsed.error.issues,
    });
    throw new UnsupportedEventError(`Message ${record.messageId} is not an event envelope`);
  }
  return parsed.data;
}
