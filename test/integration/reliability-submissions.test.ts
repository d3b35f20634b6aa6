import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { request, type Response } from "./support/api.ts";
import { givenReviewableItem, inParallel, intakeRecordsOf, submission } from "./support/applications.ts";

const SUBMISSIONS = 500;
const IN_FLIGHT = 32;
/** Every fifth submission is sent again with its key (20 %): half at once with the first, half after it answered. */
const retried = (i: number) => i % 5 === 0;
const concurrently = (i: number) => i % 10 === 0;

let itemId: string;

beforeAll(async () => {
  itemId = await givenReviewableItem();
  await request("POST", "/_local/drain");
});

const submit = (body: unknown, key: string) =>
  request("POST", "/v1/applications", { as: "clerk", body, headers: { "idempotency-key": key } });

const isOriginal = (r: Response) => r.status === 201 && r.headers.get("idempotent-replayed") === null;
const isReplayOf = (r: Response, first: Response) =>
  r.status === 201 &&
  r.headers.get("idempotent-replayed") === "true" &&
  r.headers.get("location") === first.headers.get("location") &&
  JSON.stringify(r.body) === JSON.stringify(first.body);
const isInProgress = (r: Response) =>
  r.status === 409 &&
  r.headers.get("content-type") === "application/problem+json" &&
  r.body.type === "urn:govservice:problem:idempotency-in-progress";

interface Outcome {
  i: number;
  /** The answers of every send, in the order they were sent (a concurrent pair: both, then the settled retry). */
  answers: Response[];
}

describe("no loss, no duplicates under load (issue 10)", () => {
  it("still answers the first response after the same key was refused for another body or while in progress", async () => {
    // Arrange
    const key = `reliability-${randomUUID()}`;
    const body = submission(await givenReviewableItem()); // its own item: the load below counts one item's cases
    await request("POST", "/_local/drain");
    const first = await submit(body, key);
    // Act: refusals under the same key must not forget the first request
    const reused = await submit({ ...body, channel: "online" }, key);
    const retry = await submit(body, key);
    // Assert
    expect(first.status).toBe(201);
    expect(reused.status).toBe(422);
    expect(isReplayOf(retry, first), `${retry.status} ${JSON.stringify(retry.body)}`).toBe(true);
  });

  it(`creates exactly ${SUBMISSIONS} applications from ${SUBMISSIONS} submissions, ${IN_FLIGHT} in flight, 20 % retried with their Idempotency-Key`, async () => {
    // Arrange
    const run = randomUUID().slice(0, 8);
    const started = Date.now();
    // Act
    const outcomes = await inParallel<Outcome>(
      IN_FLIGHT,
      Array.from({ length: SUBMISSIONS }, (_, i) => async () => {
        const key = `reliability-${run}-${i}`;
        const body = submission(itemId);
        if (!retried(i)) return { i, answers: [await submit(body, key)] };
        // While the first still runs, or after it answered; either way a last retry once both have answered.
        const early = concurrently(i)
          ? await Promise.all([submit(body, key), submit(body, key)])
          : [await submit(body, key), await submit(body, key)];
        return { i, answers: [...early, await submit(body, key)] };
      }),
    );
    const elapsedMs = Date.now() - started;
    // Let the 500 submissions' events settle here (clocks, projections), not in the next file's time.
    const drained = await request("POST", "/_local/drain?timeoutMs=240000");
    expect(drained.status).toBe(200);

    // Assert: one original 201 per submission, and every other answer is the documented one
    const firsts = outcomes.map(({ i, answers }) => {
      const originals = answers.filter(isOriginal);
      expect(originals, `submission ${i}: ${answers.map((a) => a.status).join(", ")}`).toHaveLength(1);
      const first = originals[0]!;
      for (const answer of answers.filter((a) => a !== first)) {
        // DESIGN.md: a retry gets the first response; idempotency.ts: one arriving while the first runs gets 409.
        const allowed = isReplayOf(answer, first) || (concurrently(i) && isInProgress(answer));
        expect(allowed, `submission ${i}: ${answer.status} ${JSON.stringify(answer.body)}`).toBe(true);
      }
      if (retried(i)) expect(isReplayOf(answers.at(-1)!, first)).toBe(true);
      return first;
    });
    const ids = new Set(firsts.map((r) => r.body.id as string));
    expect(ids.size).toBe(SUBMISSIONS);

    // …and exactly that many applications and `application.submitted` events in intake's table
    const { applications, events } = await intakeRecordsOf(itemId);
    const submitted = events.filter((e) => e.type === "application.submitted");
    expect(applications).toHaveLength(SUBMISSIONS);
    expect(new Set(applications.map((a) => a.id))).toEqual(ids);
    expect(submitted).toHaveLength(SUBMISSIONS);
    expect(new Set(submitted.map((e) => e.subject))).toEqual(ids);

    const all = outcomes.flatMap((o) => o.answers);
    const inProgress = all.filter(isInProgress).length;
    const replays = all.filter((a) => a.headers.get("idempotent-replayed") === "true").length;
    console.info(
      `[reliability] ${SUBMISSIONS} submissions (${all.length} requests, ${IN_FLIGHT} in flight) in ${elapsedMs} ms: ` +
        `${replays} replays, ${inProgress} answered 409 in progress; their events settled in ${drained.body.waitedMs} ms`,
    );
  }, 360_000);
});
