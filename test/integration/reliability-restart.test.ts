import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { model } from "#infra/manifest.ts";
import { redrive } from "../../scripts/redrive.ts";
import { intakeRecordsOf, submission } from "./support/applications.ts";
import { guideInput, itemInput, residentStatus } from "./support/factories.ts";
import { startOwnStack, type Answer, type OwnStack } from "./support/own-stack.ts";
import { seeded } from "./support/seed.ts";

const WORKERS = 8;
/** Submissions answered before DynamoDB Local is stopped, during the outage (at least), and after it is back. */
const BEFORE = 60;
const DURING = 24;
const OUTAGE_MS = 1500;
const AFTER = 60;

let own: OwnStack;
let dataDir: string;
let clerk: string;
let itemId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "govservice-restart-"));
  own = await startOwnStack(["--persist", dataDir]);
  const admin = await own.token("admin");
  clerk = await own.token("clerk");
  const item = await own.request("POST", "/v1/items", { token: admin, body: itemInput() });
  expect(item.status).toBe(201);
  itemId = item.body.id;
  await own.request("POST", `/v1/items/${itemId}/guides`, {
    token: admin,
    body: guideInput({ materials: [{ name: "申请表", required: true }] }),
  });
  await own.request("PUT", `/v1/centers/${seeded.haidian}/items/${itemId}`, {
    token: admin,
    body: residentStatus(),
  });
  expect((await own.request("POST", "/_local/drain")).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await own?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

type Phase = "before" | "stopping" | "outage" | "starting" | "after";
interface Sent {
  phase: Phase;
  answer?: Answer;
  error?: string;
}

describe("restart: DynamoDB Local stopped under load and started again, with --persist (issue 10)", () => {
  it("keeps every application that got a 201, and answers 503 problem+json quickly while the table is away", async () => {
    // Arrange
    let phase: Phase = "before";
    const sent: Sent[] = [];
    const answered = (p: Phase) => sent.filter((s) => s.phase === p && (s.answer || s.error)).length;
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((r) => setTimeout(r, 20));
    };
    const worker = async () => {
      while (!(phase === "after" && answered("after") >= AFTER)) {
        const s: Sent = { phase };
        sent.push(s);
        try {
          s.answer = await own.request("POST", "/v1/applications", {
            token: clerk,
            body: submission(itemId),
            timeoutMs: 20_000,
          });
        } catch (error) {
          s.error = (error as Error).name; // a hang ends here as TimeoutError
        }
        if (s.answer?.status === 503) await new Promise((r) => setTimeout(r, 50)); // a client honouring Retry-After, briefly
      }
    };
    // Act: the load runs throughout; DynamoDB Local goes away in the middle of it and comes back
    const drill = async () => {
      await until(() => answered("before") >= BEFORE);
      phase = "stopping";
      const stopped = await own.request("POST", "/_local/dynamodb/stop");
      expect(stopped.body).toMatchObject({ running: false, persisted: true });
      phase = "outage";
      const outageStarted = Date.now();
      await until(() => answered("outage") >= DURING && Date.now() - outageStarted >= OUTAGE_MS);
      phase = "starting";
      const started = await own.request("POST", "/_local/dynamodb/start", { timeoutMs: 60_000 });
      expect(started.body).toMatchObject({ running: true });
      phase = "after";
      return { stoppedInMs: stopped.body.tookMs, startedInMs: started.body.tookMs };
    };
    const [timings] = await Promise.all([drill(), ...Array.from({ length: WORKERS }, worker)]);
    const drained = await own.request("POST", "/_local/drain?timeoutMs=60000", { timeoutMs: 70_000 });

    // Assert: every request was answered, 201 or 503 — nothing hung, nothing else went wrong
    expect(sent.filter((s) => s.error).map((s) => s.error)).toEqual([]);
    const answers = sent.map((s) => s.answer!);
    expect([...new Set(answers.map((a) => a.status))].sort()).toEqual([201, 503]);
    // …while the table was away, every answer was a quick 503 problem+json with Retry-After
    const outage = sent.filter((s) => s.phase === "outage").map((s) => s.answer!);
    expect(outage.length).toBeGreaterThanOrEqual(DURING);
    for (const a of outage) {
      expect(a.status).toBe(503);
      expect(a.headers.get("content-type")).toBe("application/problem+json");
      expect(a.headers.get("retry-after")).toBe("1");
      expect(a.body).toMatchObject({ type: "urn:govservice:problem:service-unavailable", status: 503 });
    }
    const slowestOutageMs = Math.max(...outage.map((a) => a.ms));
    expect(slowestOutageMs).toBeLessThan(5000);
    // …and after it, every application that was acknowledged with a 201 is there, and its events flowed on
    expect(drained.status).toBe(200);
    const created = answers.filter((a) => a.status === 201).map((a) => a.body.id as string);
    expect(sent.filter((s) => s.phase === "after" && s.answer?.status === 201).length).toBeGreaterThan(0);
    // Read back as a client would: eight at a time, a 503 retried after its Retry-After (the stack has just been
    // through an outage, on a machine shared with the rest of the suite); anything else is the answer.
    const reads: Answer[] = [];
    const readBack = async (queue: string[]) => {
      for (let id = queue.pop(); id; id = queue.pop()) {
        let answer = await own.request("GET", `/v1/applications/${id}`, { token: clerk });
        for (let retry = 0; answer.status === 503 && retry < 5; retry++) {
          await new Promise((r) => setTimeout(r, 1000 * Number(answer.headers.get("retry-after") ?? 1)));
          answer = await own.request("GET", `/v1/applications/${id}`, { token: clerk });
        }
        reads.push(answer);
      }
    };
    const toRead = [...created];
    await Promise.all(Array.from({ length: WORKERS }, () => readBack(toRead)));
    const unread = reads.filter((r) => r.status !== 200);
    expect(
      unread.map((r) => ({ ...r.body, logged: own.errors(r.body?.requestId) })),
      "applications acknowledged with a 201 that could not be read back",
    ).toEqual([]);
    const { applications, events } = await intakeRecordsOf(itemId, own.db, own.info.tables.intake);
    const stored = new Set(applications.map((a) => a.id as string));
    expect(created.filter((id) => !stored.has(id))).toEqual([]);
    const submitted = new Set(events.filter((e) => e.type === "application.submitted").map((e) => e.id));
    expect(submitted.size).toBe(stored.size);
    // An outage longer than maxReceiveCount × the retry delay (locally 5 × 1 s; in AWS 5 × the 180 s visibility
    // timeout) dead-letters what the consumers could not write meanwhile: the operator's redrive brings it back. Until
    // every event is applied (a stream shard opened by the restart is picked up within the poller's 30 s refresh).
    type Attempts = { consumer: string; eventId: string; outcome: string }[];
    const redriven = new Map<string, number>();
    const appliedBy = (attempts: Attempts, consumer: string) =>
      attempts
        .filter((a) => a.consumer === consumer && a.outcome === "applied" && submitted.has(a.eventId))
        .map((a) => a.eventId)
        .sort();
    let attempts: Attempts = [];
    for (let round = 0, deadline = Date.now() + 90_000; ; round++) {
      const queues = (await own.request("GET", "/_local/queues")).body as Record<
        string,
        { messages: number }
      >;
      const dead = model.queues.filter((q) => queues[q.dlqId]!.messages > 0);
      for (const q of dead) {
        const result = await redrive(own.sqs, q.id);
        expect(result.status).toBe("COMPLETED");
        redriven.set(q.id, (redriven.get(q.id) ?? 0) + result.moved);
      }
      expect((await own.request("POST", "/_local/drain?timeoutMs=60000", { timeoutMs: 70_000 })).status).toBe(
        200,
      );
      attempts = (await own.request("GET", "/_local/attempts")).body.attempts;
      const settled = ["monitoring-events", "delivery-events"].every(
        (c) => appliedBy(attempts, c).length >= submitted.size,
      );
      if (settled || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    // …each event of each stored application applied exactly once by the consumers that take it
    for (const consumer of ["monitoring-events", "delivery-events"])
      expect(appliedBy(attempts, consumer), consumer).toEqual([...submitted].sort());
    const afterRedrive = (await own.request("GET", "/_local/queues")).body as Record<
      string,
      { messages: number }
    >;
    // Every queue, delivery-sends too: a send cut off by the outage (left `sending`, or a technical failure after its
    // retries) goes out when its message is redriven.
    const stillDead = model.queues.filter((q) => afterRedrive[q.dlqId]!.messages > 0).map((q) => q.id);
    expect(stillDead).toEqual([]);

    const count = (status: number) => answers.filter((a) => a.status === status).length;
    console.info(
      `[reliability] restart: ${answers.length} submissions, ${count(201)} × 201, ${count(503)} × 503 ` +
        `(${outage.length} during the outage, slowest ${slowestOutageMs} ms); stop ${timings.stoppedInMs} ms, ` +
        `start ${timings.startedInMs} ms; ${stored.size} applications stored (${stored.size - created.length} answered 503 but written); ` +
        `redriven afterwards: ${[...redriven].map(([id, n]) => `${id} ${n}`).join(", ") || "none"}; ` +
        `still dead-lettered: ${stillDead.join(", ") || "none"}`,
    );
  }, 240_000);

  it("creates exactly one application per Idempotency-Key through an outage, and never answers 500 (issue 15)", async () => {
    // Arrange: an item of its own, so its applications can be counted; clients that retry each submission with its
    // key until it is acknowledged (a 503 or a 409 "in progress" is retried after a short pause, as Retry-After says)
    const admin = await own.token("admin");
    const item = (await own.request("POST", "/v1/items", { token: admin, body: itemInput() })).body
      .id as string;
    await own.request("POST", `/v1/items/${item}/guides`, {
      token: admin,
      body: guideInput({ materials: [{ name: "申请表", required: true }] }),
    });
    await own.request("PUT", `/v1/centers/${seeded.haidian}/items/${item}`, {
      token: admin,
      body: residentStatus(),
    });
    await own.request("POST", "/_local/drain");
    const token = await own.token("clerk");
    const KEYS = 64;
    const run = Date.now().toString(36);
    // Each key's answers, and how its 201 came (replayed or not, when against the outage): the record to read when
    // an acknowledged application is missing (seen twice under heavy load, never reproduced).
    const results = new Map<string, { statuses: number[]; id?: string; replayed?: boolean; at?: number }>();
    const outage: { stop?: number; start?: number } = {};
    let next = 0;
    const client = async () => {
      while (next < KEYS) {
        const key = `drill-${run}-${next++}`;
        const r: { statuses: number[]; id?: string; replayed?: boolean; at?: number } = { statuses: [] };
        results.set(key, r);
        for (let attempt = 0; attempt < 200 && !r.id; attempt++) {
          const answer = await own.request("POST", "/v1/applications", {
            token,
            body: submission(item),
            headers: { "idempotency-key": key },
            timeoutMs: 20_000,
          });
          r.statuses.push(answer.status);
          if (answer.status === 201) {
            r.id = answer.body.id as string;
            r.replayed = answer.headers.get("idempotent-replayed") === "true";
            r.at = Date.now();
          } else await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    // Act: DynamoDB Local goes away while the clients are at it, and comes back
    const drill = async () => {
      while (results.size < KEYS / 4) await new Promise((resolve) => setTimeout(resolve, 20));
      outage.stop = Date.now();
      await own.request("POST", "/_local/dynamodb/stop");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await own.request("POST", "/_local/dynamodb/start", { timeoutMs: 60_000 });
      outage.start = Date.now();
    };
    await Promise.all([drill(), ...Array.from({ length: 8 }, client)]);
    await own.request("POST", "/_local/drain?timeoutMs=60000", { timeoutMs: 70_000 });

    // Assert: every key acknowledged once, with its own application; only 201, 503 and 409 were ever answered
    const statuses = [...results.values()].flatMap((r) => r.statuses);
    console.log(
      `[reliability] keys through an outage: ${KEYS} keys, ${statuses.length} requests: ` +
        [...new Set(statuses)].map((s) => `${statuses.filter((x) => x === s).length} × ${s}`).join(", "),
    );
    expect([...new Set(statuses)].filter((s) => ![201, 409, 503].includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    const ids = [...results.values()].map((r) => r.id);
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    expect(new Set(ids).size).toBe(KEYS);
    const { applications } = await intakeRecordsOf(item, own.db, own.info.tables.intake);
    const stored = new Set(applications.map((a) => a.id as string));
    const missing = await Promise.all(
      [...results.entries()]
        .filter(([, r]) => !stored.has(r.id!))
        .map(async ([key, r]) => ({
          key,
          id: r.id,
          statuses: r.statuses.join(" "),
          replayed: r.replayed,
          acknowledgedMs: { afterStop: r.at! - (outage.stop ?? 0), afterStart: r.at! - (outage.start ?? 0) },
          // what the application's partition holds now (its case item, its events)
          partition: (
            await own.db.send(
              new QueryCommand({
                TableName: own.info.tables.intake,
                KeyConditionExpression: "pk = :pk",
                ExpressionAttributeValues: { ":pk": `app#${r.id}` },
                ConsistentRead: true,
              }),
            )
          ).Items?.map((i) => i.sk as string),
        })),
    );
    expect(missing, JSON.stringify(missing)).toEqual([]);
    expect(applications.map((a) => a.id as string).sort()).toEqual([...ids].sort());
  }, 180_000);
});
