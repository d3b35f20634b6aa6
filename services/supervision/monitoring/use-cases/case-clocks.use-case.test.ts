import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "#shared/calendar/working-days.ts";
import { ConflictError } from "#shared/errors.ts";
import type { Envelope } from "#shared/events/envelope.ts";
import { clockRecord } from "../adapters/clock-store.ts";
import { DEFAULT_WARNING_POLICY, type Clock, type Stage } from "../domain/clock.ts";
import {
  onAccepted,
  onDeliveryCompleted,
  onDeliveryReady,
  onRejected,
  onSubmitted,
} from "./case-clocks.use-case.ts";

/**
 * The clock handlers that keep no idempotency record (on-event.handler.ts `ownIdempotency`): a repeat writes nothing
 * and says "duplicate"; a redelivery after a crash in the middle finishes the rest (issue 21).
 */
const at = "2026-11-25T02:00:00.000Z";

function fakePorts({ failOnSave, failOnAnnounce }: { failOnSave?: number; failOnAnnounce?: number } = {}) {
  const stored = new Map<string, Clock>();
  const marks = new Set<string>();
  const events: Envelope[] = [];
  let saves = 0;
  let announcements = 0;
  let ids = 0;
  const ports = {
    clocks: {
      shards: 4,
      get: async (subjectId: string, stage: Stage) => stored.get(`${subjectId}#${stage}`),
      warning: async () => undefined,
      save: async (clock: Clock, change: { events?: Envelope[] }) => {
        if (++saves === failOnSave) throw new Error("the table went away");
        const before = stored.get(clock.id);
        if ((before?.version ?? 0) !== clock.version - 1) throw new ConflictError("changed meanwhile");
        stored.set(clock.id, clock);
        events.push(...(change.events ?? []));
      },
      // The event items' conditional writes: an id written before is refused.
      announce: async (_clock: Clock, announced: Envelope[]) => {
        if (++announcements === failOnAnnounce) throw new Error("the table went away");
        const fresh = announced.filter((e) => !events.some((seen) => seen.id === e.id));
        events.push(...fresh);
        return fresh.length > 0;
      },
    },
    directory: {
      center: async () => ({
        policy: DEFAULT_WARNING_POLICY,
        overrides: {},
        administration: [],
        chiefStaffIds: new Map(),
      }),
      saveHandler: async () => true,
    },
    calendar: { calendar: async () => new WorkingCalendar() },
    marks: {
      note: async (consumer: string, eventId: string) =>
        !marks.has(`${consumer} ${eventId}`) && !!marks.add(`${consumer} ${eventId}`),
    },
    clock: { now: () => new Date(at) },
    ids: { next: (prefix: string) => `${prefix}_${++ids}` },
    policy: { acceptanceWindowDays: 5, deliveryLimitDays: 10, sweepMaxClocks: 100 },
  };
  return { ports: ports as never, stored, marks, events, saves: () => saves };
}

const ref = { applicationId: "app_1", centerId: "ctr_1", departmentId: "dep_1", itemId: "itm_1" };
const envelope = (type: string, data: object) =>
  ({
    id: `evt_${type}`,
    type,
    occurredAt: at,
    correlationId: "cor_1",
    actor: { role: "applicant", id: "usr_1" },
    data,
  }) as never;
const submitted = envelope("application.submitted", {
  ...ref,
  materialsArrivedAt: at,
  committedLimitDays: 10,
});
/** A submitted case whose delivery clock runs, and the two delivery events, at the same instant. */
async function inDelivery(ports: never, stored: Map<string, Clock>) {
  await onSubmitted(submitted, ports);
  stored.set("app_1#delivery", { ...stored.get("app_1#case")!, id: "app_1#delivery", stage: "delivery" });
  return {
    ready: envelope("delivery.ready", { ...ref, readyAt: at, method: "electronic" }),
    completed: envelope("delivery.completed", { ...ref, completedAt: at, method: "electronic" }),
  };
}
const accepted = envelope("application.accepted", { ...ref, acceptedAt: at, committedLimitDays: 10 });

describe("clock handlers without an idempotency record", () => {
  it("apply once, and say duplicate on a repeat without writing", async () => {
    // Arrange
    const { ports, stored, saves } = fakePorts();
    // Act
    const first = await onSubmitted(submitted, ports);
    const again = await onSubmitted(submitted, ports);
    // Assert
    expect([first, again]).toEqual([undefined, "duplicate"]);
    expect([...stored.keys()].sort()).toEqual(["app_1#acceptance", "app_1#case"]);
    expect(saves()).toBe(2);
  });

  it("finish the rest on a redelivery after a crash in the middle", async () => {
    // Arrange: the second write (the case clock) fails the first delivery
    const { ports, stored } = fakePorts({ failOnSave: 2 });
    await expect(onSubmitted(submitted, ports)).rejects.toThrow("the table went away");
    expect([...stored.keys()]).toEqual(["app_1#acceptance"]);
    // Act
    const redelivered = await onSubmitted(submitted, ports);
    // Assert: applied (not a duplicate: it wrote the case clock), and then a duplicate
    expect(redelivered).toBeUndefined();
    expect([...stored.keys()].sort()).toEqual(["app_1#acceptance", "app_1#case"]);
    expect(await onSubmitted(submitted, ports)).toBe("duplicate");
  });

  it("stop a clock once: a repeat of the stop, or a later event that finds it stopped, is a duplicate", async () => {
    // Arrange
    const { ports, stored } = fakePorts();
    await onSubmitted(submitted, ports);
    // Act
    const outcomes = [await onAccepted(accepted, ports), await onAccepted(accepted, ports)];
    // Assert
    expect(outcomes).toEqual([undefined, "duplicate"]);
    expect(stored.get("app_1#acceptance")).toMatchObject({
      state: "stopped",
      outcome: "accepted",
      version: 2,
    });
    expect(stored.get("app_1#review")).toMatchObject({ state: "running", version: 1 });
  });

  it("note an event that may change nothing even the first time, so that only its repeat is a duplicate", async () => {
    // Arrange: the delivery clock runs
    const { ports, stored, marks } = fakePorts();
    const { ready, completed } = await inDelivery(ports, stored);
    // Act: delivery.completed finds both clocks stopped by delivery.ready
    const outcomes = [
      await onDeliveryReady(ready, ports),
      await onDeliveryCompleted(completed, ports),
      await onDeliveryCompleted(completed, ports),
      await onDeliveryReady(ready, ports),
    ];
    // Assert
    expect(outcomes).toEqual([undefined, undefined, "duplicate", "duplicate"]);
    // …only the event that changed nothing was noted: a repeat of the other is told by the clocks it stopped
    expect([...marks]).toEqual(["events evt_delivery.completed"]);
    expect(stored.get("app_1#delivery")).toMatchObject({ state: "stopped", outcome: "madeAvailable" });
    expect(stored.get("app_1#case")).toMatchObject({ state: "stopped", outcome: "completed" });
  });
});

describe("the end of a case (issue 22: complaints rates a case from this event, not from the clock)", () => {
  it("announces clock.case-stopped once, with the stop, when delivery stops the whole-case clock", async () => {
    // Arrange: a case whose delivery clock runs
    const { ports, stored, events } = fakePorts();
    const { ready, completed } = await inDelivery(ports, stored);
    // Act: made available, then delivered (which finds the case stopped), then a repeat
    await onDeliveryReady(ready, ports);
    await onDeliveryCompleted(completed, ports);
    await onDeliveryReady(ready, ports);
    // Assert
    expect(events.map((e) => e.type)).toEqual(["clock.case-stopped"]);
    expect(events[0]).toMatchObject({
      source: "monitoring",
      subject: "app_1",
      correlationId: "cor_1",
      data: { ...ref, stoppedAt: at, outcome: "completed" },
    });
  });

  it("announces a stop whose announcement a crash cut off when its event comes again, under the same id", async () => {
    // Arrange: the rejection stops the case clock, and the first delivery ends before the announcement is written
    const { ports, stored, events } = fakePorts({ failOnAnnounce: 1 });
    await onSubmitted(submitted, ports);
    const rejected = envelope("application.rejected", { ...ref, rejectedAt: at, reasons: ["x"] });
    await expect(onRejected(rejected, ports)).rejects.toThrow("the table went away");
    expect(stored.get("app_1#case")).toMatchObject({
      state: "stopped",
      stopEventId: "evt_application.rejected",
    });
    // Act: the queue delivers the rejection again, and again
    await onRejected(rejected, ports);
    await onRejected(rejected, ports);
    // Assert: announced once, with an id of the stop's own (not the ids port's)
    expect(events.map((e) => e.type)).toEqual(["clock.case-stopped"]);
    expect(events[0]!.id).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it("announces a stop once when both delivery events end the case at the same instant, each found stopped", async () => {
    // Arrange
    const { ports, stored, events } = fakePorts();
    const { ready, completed } = await inDelivery(ports, stored);
    // Act: the later event finds the case stopped by the other, at its own instant
    const outcomes = [await onDeliveryReady(ready, ports), await onDeliveryCompleted(completed, ports)];
    // Assert: the stop is the first event's; the second neither announces it nor counts as a repeat
    expect(outcomes).toEqual([undefined, undefined]);
    expect(stored.get("app_1#case")).toMatchObject({ stopEventId: "evt_delivery.ready" });
    expect(events).toHaveLength(1);
  });

  it("announces it for a rejection too, and for nothing that only pauses or moves a clock", async () => {
    // Arrange
    const { ports, events } = fakePorts();
    await onSubmitted(submitted, ports);
    expect(events).toEqual([]);
    // Act
    await onRejected(envelope("application.rejected", { ...ref, rejectedAt: at, reasons: ["x"] }), ports);
    // Assert
    expect(events.map((e) => [e.type, (e.data as { outcome: string }).outcome])).toEqual([
      ["clock.case-stopped", "rejected"],
    ]);
  });
});

describe("a clock as stored (issue 21: one index entry while open, one once stopped)", () => {
  it("is in the due index while open — idle after every instant when nothing is due — and in its month once stopped if counted", async () => {
    // Arrange
    const { ports, stored } = fakePorts();
    await onSubmitted(submitted, ports);
    await onAccepted(accepted, ports);
    const review = stored.get("app_1#review")!;
    const { nextAt: _, ...idle } = { ...review, state: "paused" as const };
    // Act
    const running = clockRecord(review, 4);
    const paused = clockRecord(idle, 4);
    const stopped = clockRecord(stored.get("app_1#acceptance")!, 4);
    // Assert
    expect(running).toMatchObject({
      gsi1pk: expect.stringMatching(/^due#[0-3]$/),
      gsi1sk: `${review.nextAt}#app_1#review`,
    });
    expect(paused).toMatchObject({ gsi1pk: running.gsi1pk, gsi1sk: "~idle#app_1#review" });
    expect(paused.gsi1sk! > `${"9999-12-31T23:59:59.999Z"}#\uffff`).toBe(true);
    expect(stopped).toMatchObject({ gsi5pk: "rates#ctr_1#2026-11", gsi5sk: "clock#app_1#acceptance" });
    // …only for a stage the indicators count: a stopped delivery clock leaves both indexes
    const delivered = clockRecord(
      { ...stored.get("app_1#acceptance")!, id: "app_1#delivery", stage: "delivery" },
      4,
    );
    expect(Object.keys(delivered).filter((k) => k.startsWith("gsi"))).toEqual([]);
    for (const record of [running, paused, stopped]) expect(Object.keys(record)).not.toContain("gsi6pk");
    expect(Object.keys(stopped)).not.toContain("gsi1pk");
  });
});
