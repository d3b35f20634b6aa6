import type { SQSClient } from "@aws-sdk/client-sqs";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { subscriptionKey, wanted } from "#shared/events/define-event.ts";
import { publishStreamRecords } from "#shared/events/publisher.ts";
import { model } from "#infra/manifest.ts";

/**
 * Subscriptions that filter an event's data (define-event.ts `when`): the publisher sends a queue only the events its
 * consumer acts on, so an event it would have ignored costs no message, no invocation and no note (issue 22).
 */
describe("a subscription's filter", () => {
  it("asks for a field present, absent, or one of some values, every field at once", () => {
    // Arrange
    const filter = { assigneeId: true, readyAt: false, level: ["dissatisfied", "veryDissatisfied"] } as const;
    // Act / Assert
    expect(wanted(filter, { assigneeId: "usr_1", level: "dissatisfied" })).toBe(true);
    expect(wanted(filter, { level: "dissatisfied" })).toBe(false); // no assignee
    expect(
      wanted(filter, { assigneeId: "usr_1", level: "dissatisfied", readyAt: "2026-12-05T02:00:00Z" }),
    ).toBe(false);
    expect(wanted(filter, { assigneeId: "usr_1", level: "satisfied" })).toBe(false);
    expect(wanted({ realName: [true] }, { realName: false })).toBe(false);
    expect(wanted(undefined, {})).toBe(true);
  });

  it("is in the manifest where a consumer would only have noted the event and done nothing", () => {
    // Assert: monitoring hears of an approver, not of a task routed or released; of a completion only when no
    // notice of readiness stopped its clocks first; the hotline's callbacks only for its own orders and real-name 差评
    expect(model.filters[subscriptionKey("review.assigned", "monitoring-events")]).toEqual({
      assigneeId: true,
    });
    expect(model.filters[subscriptionKey("delivery.completed", "monitoring-events")]).toEqual({
      readyAt: false,
    });
    expect(model.filters[subscriptionKey("rating.submitted", "complaints-callbacks")]).toEqual({
      level: ["dissatisfied", "veryDissatisfied"],
      realName: [true],
    });
    expect(model.filters[subscriptionKey("work-order.replied", "complaints-callbacks")]).toEqual({
      origin: ["hotline"],
    });
    // …and the other queues that take these events take them all
    expect(model.filters[subscriptionKey("delivery.completed", "intake-events")]).toBeUndefined();
    const review = model.tables.find((t) => t.service === "review")!;
    expect(Object.keys(review.filters)).toEqual([subscriptionKey("review.assigned", "monitoring-events")]);
  });

  it("keeps the publisher from sending a queue an event it does not ask for, and sends the others", async () => {
    // Arrange: two review.assigned events, one naming an approver, and the queues that take them
    const assigned = (id: string, assigneeId?: string): DynamoDBRecord => ({
      dynamodb: {
        SequenceNumber: id,
        NewImage: marshall(
          {
            id: `evt_${id.padStart(26, "0")}`,
            type: "review.assigned",
            version: 1,
            occurredAt: "2026-12-05T02:00:00.000Z",
            source: "review",
            subject: "app_1",
            correlationId: "cor_1",
            actor: { id: "usr_1", role: "approver" },
            data: { applicationId: "app_1", ...(assigneeId ? { assigneeId } : {}) },
          },
          { removeUndefinedValues: true },
        ) as never,
      },
    });
    const sent: { queue: string; events: string[] }[] = [];
    const sqs = {
      send: async (command: { input: { QueueUrl: string; Entries: { MessageBody: string }[] } }) => {
        sent.push({
          queue: command.input.QueueUrl,
          events: command.input.Entries.map((e) => (JSON.parse(e.MessageBody) as { id: string }).id),
        });
        return { Failed: [] };
      },
    } as unknown as SQSClient;
    // Act
    const failures = await publishStreamRecords([assigned("1"), assigned("2", "usr_9")], {
      sqs,
      subscriptions: { "review.assigned": ["review-history", "monitoring-events"] },
      filters: { [subscriptionKey("review.assigned", "monitoring-events")]: { assigneeId: true } },
      queueUrls: {
        "review-history": "https://q/review-history",
        "monitoring-events": "https://q/monitoring-events",
      },
    });
    // Assert
    expect(failures.size).toBe(0);
    expect(sent.sort((a, b) => a.queue.localeCompare(b.queue))).toEqual([
      { queue: "https://q/monitoring-events", events: [`evt_${"2".padStart(26, "0")}`] },
      {
        queue: "https://q/review-history",
        events: [`evt_${"1".padStart(26, "0")}`, `evt_${"2".padStart(26, "0")}`],
      },
    ]);
  });
});
