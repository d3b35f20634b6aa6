import { describe, expect, it } from "vitest";
import { ConflictError } from "#shared/errors.ts";
import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { deliveryCompleted, deliveryOpened } from "#services/delivery/contract/result-events.ts";
import type { Application } from "../domain/application.ts";
import type { CaseStep } from "../domain/case-progress.ts";
import { followDeliveryCompleted, followDeliveryOpened } from "./follow-case.use-case.ts";

const T0 = "2026-05-11T01:00:00.000Z";
const T1 = "2026-05-12T01:00:00.000Z";

/**
 * The consumer keeps no record of these events (issue 21: `ownIdempotency`): the handler's own conditional writes must
 * make a repeat a "duplicate", finish what a crash left half done, and let two deliveries at once leave one result.
 */
function store(options: { crashAfterStep?: boolean; conflicts?: number } = {}) {
  let application = {
    id: "app_1",
    state: "decided",
    decision: { outcome: "approved", decidedAt: T0, documentId: "rdoc_1", number: "n" },
    documents: [],
    version: 3,
    updatedAt: T0,
  } as unknown as Application;
  const steps = new Map<string, CaseStep>();
  let conflicts = options.conflicts ?? 0;
  let crash = options.crashAfterStep ?? false;
  const writes = { steps: 0, saves: 0, refused: 0 };
  return {
    writes,
    steps,
    current: () => application,
    ports: {
      clock: { now: () => new Date(T1) },
      applications: {
        get: async (id: string) => (id === application.id ? structuredClone(application) : undefined),
        addStep: async (_id: string, step: CaseStep) => {
          if (steps.has(step.id)) return false;
          steps.set(step.id, step);
          writes.steps++;
          if (crash) {
            crash = false;
            throw new Error("crash between the step and the case");
          }
          return true;
        },
        save: async (next: Application) => {
          if (conflicts > 0 || next.version !== application.version + 1) {
            conflicts--;
            writes.refused++;
            // another process moved the case meanwhile: its version went up, its facts stayed
            application = { ...application, version: application.version + 1 };
            throw new ConflictError("changed meanwhile");
          }
          application = next;
          writes.saves++;
        },
      },
    } as never,
  };
}

const completed = {
  id: "evt_completed",
  type: "delivery.completed",
  occurredAt: T1,
  actor: { id: "system:delivery", role: "system" },
  data: { applicationId: "app_1", centerId: "ctr_1", deliveryId: "dlv_1", method: "window", completedAt: T1 },
} as unknown as TypedEnvelope<typeof deliveryCompleted>;

const opened = {
  ...completed,
  id: "evt_opened",
  type: "delivery.opened",
  occurredAt: T0,
  data: {
    applicationId: "app_1",
    centerId: "ctr_1",
    deliveryId: "dlv_1",
    offeredMethods: ["window"],
    openedAt: T0,
  },
} as unknown as TypedEnvelope<typeof deliveryOpened>;

describe("following a case without a record of the event (issue 21)", () => {
  it("applies an event once: the step and the case; the same event again is a duplicate that writes nothing", async () => {
    const s = store();
    expect(await followDeliveryCompleted(completed, s.ports)).toBeUndefined();
    expect(await followDeliveryCompleted(completed, s.ports)).toBe("duplicate");
    expect(s.current().state).toBe("delivered");
    expect(s.current().version).toBe(4);
    expect(s.writes).toEqual({ steps: 1, saves: 1, refused: 0 });
  });

  it("finishes on the next delivery what a crash between the step and the case left undone", async () => {
    const s = store({ crashAfterStep: true });
    await expect(followDeliveryCompleted(completed, s.ports)).rejects.toThrow(/crash/);
    expect(s.current().state).toBe("decided");
    expect(await followDeliveryCompleted(completed, s.ports)).toBeUndefined();
    expect(s.current().state).toBe("delivered");
    expect(await followDeliveryCompleted(completed, s.ports)).toBe("duplicate");
  });

  it("reads the case again when another process changed it meanwhile, and records the fact on that", async () => {
    const s = store({ conflicts: 2 });
    expect(await followDeliveryCompleted(completed, s.ports)).toBeUndefined();
    expect(s.current()).toMatchObject({ state: "delivered", version: 6 });
    expect(s.writes).toMatchObject({ saves: 1, refused: 2 });
  });

  it("applies two deliveries of one event at once as one: one applied, the other a duplicate", async () => {
    const s = store();
    const outcomes = await Promise.all([
      followDeliveryCompleted(completed, s.ports),
      followDeliveryCompleted(completed, s.ports),
    ]);
    expect(outcomes.sort()).toEqual(["duplicate", undefined]);
    expect(s.writes).toEqual({ steps: 1, saves: 1, refused: 0 });
  });

  it("applies the events about one case that arrive together as one write of the case, never racing for its version", async () => {
    const s = store();
    const outcomes = await Promise.all([
      followDeliveryOpened(opened, s.ports),
      followDeliveryCompleted(completed, s.ports),
    ]);
    expect(outcomes).toEqual([undefined, undefined]);
    expect(s.writes).toEqual({ steps: 2, saves: 1, refused: 0 });
    expect(s.current()).toMatchObject({
      state: "delivered",
      version: 4,
      delivery: { progress: "completed" },
    });
    // …and each again, together: both duplicates, nothing written
    const again = await Promise.all([
      followDeliveryOpened(opened, s.ports),
      followDeliveryCompleted(completed, s.ports),
    ]);
    expect(again).toEqual(["duplicate", "duplicate"]);
    expect(s.writes).toEqual({ steps: 2, saves: 1, refused: 0 });
  });

  it("fails every event of a group whose case could not be written, and applies each on its next delivery", async () => {
    const s = store({ crashAfterStep: true });
    const results = await Promise.allSettled([
      followDeliveryOpened(opened, s.ports),
      followDeliveryCompleted(completed, s.ports),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(s.current()).toMatchObject({ state: "decided", version: 3 });
    expect(await followDeliveryOpened(opened, s.ports)).toBeUndefined();
    expect(await followDeliveryCompleted(completed, s.ports)).toBeUndefined();
    expect(s.current()).toMatchObject({ state: "delivered", version: 5 });
  });
});
