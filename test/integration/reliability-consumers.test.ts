import { spawnSync } from "node:child_process";
import { SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { model } from "#infra/manifest.ts";
import { isChosen } from "#infra/local/faults.ts";
import { redrive } from "../../scripts/redrive.ts";
import { as, drain, request, sqs, stack } from "./support/api.ts";
import {
  applicationEventId,
  attemptsSince,
  givenReviewableItem,
  inParallel,
  reviewTaskOf,
  submission,
  type Attempt,
} from "./support/applications.ts";

const SHARE = 0.3;
const REVIEW = "review-events";
const maxReceiveCount = model.queues.find((q) => q.id === REVIEW)!.maxReceiveCount;
const queueConsumers = new Set(model.queues.map((q) => q.id));

let itemId: string;

beforeAll(async () => {
  itemId = await givenReviewableItem();
  await drain();
});

afterEach(async () => {
  await request("DELETE", "/_local/faults");
});

/** Submit `n` applications, let intake's events settle, accept them all; returns their ids once everything is idle. */
async function acceptedApplications(n: number): Promise<string[]> {
  const submitted = await inParallel(
    8,
    Array.from({ length: n }, () => () => as("clerk").post("/v1/applications", submission(itemId))),
  );
  expect(submitted.map((r) => r.status)).toEqual(submitted.map(() => 201));
  const ids = submitted.map((r) => r.body.id as string);
  await drain();
  const accepted = await inParallel(
    8,
    ids.map((id) => () => as("clerk").post(`/v1/applications/${id}/acceptance`, { outcome: "accepted" })),
  );
  expect(accepted.map((r) => r.status)).toEqual(ids.map(() => 200));
  await drain();
  return ids;
}

/** Outcomes per (consumer, event), in the order they happened. */
function byDelivery(attempts: Attempt[]): Map<string, Attempt["outcome"][]> {
  const groups = new Map<string, Attempt["outcome"][]>();
  for (const a of attempts) {
    if (!queueConsumers.has(a.consumer)) continue;
    const key = `${a.consumer} ${a.eventId}`;
    groups.set(key, [...(groups.get(key) ?? []), a.outcome]);
  }
  return groups;
}

describe("consumer faults: every event applied exactly once (issue 10)", () => {
  it.each([
    { when: "before applying", phase: "before", injected: ["failed", "applied"] },
    { when: "after applying, before the ack", phase: "after", injected: ["applied", "failed", "duplicate"] },
  ] as const)(
    "when every queue's consumer fails the first attempt at 30 percent of its messages, $when",
    async ({ phase, injected }) => {
      // Arrange: each queue's consumer fails the first delivery of the events the hash picks
      const since = new Date().toISOString();
      for (const consumer of queueConsumers) {
        const rule = await request("POST", "/_local/faults", { body: { consumer, share: SHARE, phase } });
        expect(rule.status).toBe(201);
      }
      // Act
      const ids = await acceptedApplications(24);
      // Assert: one review task per application, assigned once
      const tasks = await Promise.all(ids.map(reviewTaskOf));
      expect(tasks.map((t) => t.task?.state)).toEqual(ids.map(() => "open"));
      expect(tasks.map((t) => t.assigned)).toEqual(ids.map(() => 1));
      // …and every event reached every consumer and was applied once: where the fault struck, failed then applied
      // (before) or applied, failed and then recognised (after). A consumer may also refuse an event that overtook
      // one it needs — delivery's notice before `application.contact-provided`, whose first delivery failed — and
      // apply it on a later delivery; such refusals come first, before anything was applied.
      const deliveries = byDelivery(await attemptsSince(since));
      let faulted = 0;
      let overtaken = 0;
      for (const [key, outcomes] of deliveries) {
        const [consumer, eventId] = key.split(" ") as [string, string];
        const expected = isChosen(consumer, eventId, SHARE) ? injected : (["applied"] as const);
        const refusedFirst = outcomes.length - expected.length;
        expect(refusedFirst, `${key}: ${outcomes.join(", ")}`).toBeGreaterThanOrEqual(0);
        expect(outcomes, key).toEqual([...Array<string>(refusedFirst).fill("failed"), ...expected]);
        if (expected === injected) faulted++;
        if (refusedFirst > 0) overtaken++;
      }
      const accepted = await Promise.all(ids.map((id) => applicationEventId(id, "application.accepted")));
      expect(accepted.every((eventId) => deliveries.has(`${REVIEW} ${eventId}`))).toBe(true);
      expect(faulted).toBeGreaterThan(0);
      expect(faulted).toBeLessThan(deliveries.size);
      console.info(
        `[reliability] faults ${phase}: ${deliveries.size} deliveries to ${new Set([...deliveries.keys()].map((k) => k.split(" ")[0])).size} consumers, ` +
          `${faulted} failed first by injection, ${overtaken} refused first because they overtook what they need`,
      );
    },
    120_000,
  );
});

describe("an event that waits for another (issue 15)", () => {
  it("is parked on its last delivery instead of dead-lettered, and applied when the one it waits for arrives", async () => {
    // Arrange: delivery refuses the applicant's contact every time, so the submission's notice waits for it
    const DELIVERY = "delivery-events";
    const since = new Date().toISOString();
    await request("POST", "/_local/faults", {
      body: { consumer: DELIVERY, eventType: "application.contact-provided", times: null },
    });
    const submitted = await as("clerk").post("/v1/applications", submission(itemId));
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    await drain();
    const [notice, contact] = await Promise.all([
      applicationEventId(id, "application.submitted"),
      applicationEventId(id, "application.contact-provided"),
    ]);
    const outcomes = async (eventId: string) =>
      (await attemptsSince(since, DELIVERY)).filter((a) => a.eventId === eventId).map((a) => a.outcome);
    const parkedBefore = await outcomes(notice);
    const contactBefore = await outcomes(contact);
    // Act: the cause is fixed; the contact comes back from the DLQ
    await request("DELETE", "/_local/faults");
    await redrive(sqs, DELIVERY);
    await drain();
    // Assert: the notice waited (refused, then parked — not dead-lettered) and was applied once the contact arrived
    const waited = Array.from({ length: maxReceiveCount - 1 }, () => "failed");
    expect(parkedBefore).toEqual([...waited, "parked"]);
    expect(contactBefore).toEqual(Array.from({ length: maxReceiveCount }, () => "failed"));
    expect(await outcomes(notice)).toEqual([...waited, "parked", "applied"]);
    expect(await outcomes(contact)).toEqual([...contactBefore, "applied"]);
    const notifications = await as("clerk").get(`/v1/applications/${id}/notifications?limit=100`);
    expect(notifications.body.items.map((n: { templateKey: string }) => n.templateKey)).toContain(
      "application.submitted",
    );
  }, 120_000);
});

describe("poison messages and `npm run redrive` (issue 10)", () => {
  /** Accepted applications whose `application.accepted` review's consumer refuses every time, until lifted. */
  async function deadLettered(n: number) {
    await request("POST", "/_local/faults", {
      body: { consumer: REVIEW, eventType: "application.accepted", times: null },
    });
    const ids = await acceptedApplications(n);
    const events = await Promise.all(ids.map((id) => applicationEventId(id, "application.accepted")));
    const outcomes = async (eventId: string) =>
      (await attemptsSince(undefined, REVIEW)).filter((a) => a.eventId === eventId).map((a) => a.outcome);
    return { ids, events, outcomes };
  }

  it(`moves a message that fails every attempt to the DLQ after maxReceiveCount (${maxReceiveCount}); redrive brings it back and it is applied once`, async () => {
    // Arrange
    const { ids, events, outcomes } = await deadLettered(3);
    const dead = Array.from({ length: maxReceiveCount }, () => "failed");
    for (const eventId of events) expect(await outcomes(eventId)).toEqual(dead);
    const deadBefore = (await request("GET", "/_local/queues")).body[`${REVIEW}-dlq`].messages as number;
    expect(deadBefore).toBeGreaterThanOrEqual(3);
    expect((await Promise.all(ids.map(reviewTaskOf))).map((t) => t.task)).toEqual(ids.map(() => undefined));
    // Act: the cause is fixed, the DLQ goes back to its queue
    await request("DELETE", "/_local/faults");
    const result = await redrive(sqs, REVIEW);
    await drain();
    // Assert
    expect(result).toMatchObject({ status: "COMPLETED", sourceUrl: stack.queues[REVIEW] });
    expect(result.moved).toBeGreaterThanOrEqual(3);
    for (const eventId of events) expect(await outcomes(eventId)).toEqual([...dead, "applied"]);
    const tasks = await Promise.all(ids.map(reviewTaskOf));
    expect(tasks.map((t) => [t.task?.state, t.assigned])).toEqual(ids.map(() => ["open", 1]));
    // (anything another file left there that still fails is back in the DLQ; ours are not)
    const deadAfter = (await request("GET", "/_local/queues")).body[`${REVIEW}-dlq`].messages as number;
    expect(deadAfter).toBeLessThanOrEqual(deadBefore - 3);
  }, 120_000);

  it("does the same from the command line: `npm run redrive -- <queue>` against the stack's SQS endpoint", async () => {
    // Arrange
    const { ids, events, outcomes } = await deadLettered(2);
    await request("DELETE", "/_local/faults");
    // Act
    const cli = spawnSync("npm", ["run", "--silent", "redrive", "--", `${REVIEW}-dlq`], {
      env: { ...process.env, SQS_ENDPOINT: stack.endpoints.sqs },
      encoding: "utf8",
      timeout: 60_000,
    });
    await drain();
    // Assert
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(
      /^review-events-dlq → review-events: moved (\d+) of \1 message\(s\), COMPLETED$/m,
    );
    for (const eventId of events) expect((await outcomes(eventId)).at(-1)).toBe("applied");
    expect((await Promise.all(ids.map(reviewTaskOf))).map((t) => t.assigned)).toEqual(ids.map(() => 1));
  }, 120_000);

  it("where SQS has no move task (the China regions), receives, sends again and deletes instead — each applied once", async () => {
    // Arrange: the stack's SQS, answering StartMessageMoveTask as an SQS without it does
    const { ids, events, outcomes } = await deadLettered(2);
    await request("DELETE", "/_local/faults");
    const withoutMoveTask = new SQSClient(
      await sqs.config.endpoint!().then((e) => ({
        endpoint: `${e.protocol}//${e.hostname}:${e.port}`,
        region: "local",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      })),
    );
    const started: string[] = [];
    withoutMoveTask.middlewareStack.add(
      (next, context) => async (args) => {
        started.push(context.commandName!);
        if (context.commandName === "StartMessageMoveTaskCommand")
          throw Object.assign(new Error("not offered"), { name: "UnsupportedOperation" });
        return next(args);
      },
      { step: "initialize" },
    );
    // Act
    const result = await redrive(withoutMoveTask, REVIEW);
    await drain();
    // Assert
    expect(started).toContain("StartMessageMoveTaskCommand");
    expect(result).toMatchObject({ status: "COMPLETED", method: "resend", sourceUrl: stack.queues[REVIEW] });
    expect(result.moved).toBeGreaterThanOrEqual(2);
    for (const eventId of events) expect((await outcomes(eventId)).at(-1)).toBe("applied");
    expect((await Promise.all(ids.map(reviewTaskOf))).map((t) => t.assigned)).toEqual(ids.map(() => 1));
    withoutMoveTask.destroy();
  }, 120_000);

  it("refuses a DLQ that is no queue's: a table stream's DLQ holds failure records, not events", async () => {
    await expect(redrive(sqs, "catalog-stream-dlq")).rejects.toThrow(/is no queue's dead-letter queue/);
  });
});
