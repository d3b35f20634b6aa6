import * as z from "zod";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock.ts";
import { ulidIds } from "../ids.ts";
import { defineEvent } from "./define-event.ts";
import { envelopeSchema, eventItem, newEvent } from "./envelope.ts";

const thingHappened = defineEvent("thing.happened", 1, z.object({ thingId: z.string() }), "test");
const clock = fixedClock("2026-11-25T08:00:00+08:00");
const ports = { clock, ids: ulidIds(clock) };
const context = {
  source: "intake",
  subject: "thg_1",
  actor: { id: "usr_1", role: "clerk" },
  correlationId: "c1",
};

describe("event envelopes", () => {
  it("builds a valid envelope stamped with the clock and a prefixed id", () => {
    const event = newEvent(thingHappened, { thingId: "thg_1" }, context, ports);
    expect(envelopeSchema.parse(event)).toEqual(event);
    expect(event.id).toMatch(/^evt_/);
    expect(event.occurredAt).toBe("2026-11-25T00:00:00.000Z");
    expect(event).toMatchObject({
      type: "thing.happened",
      version: 1,
      source: "intake",
      correlationId: "c1",
    });
  });

  it("refuses data that does not fit the event's schema", () => {
    expect(() => newEvent(thingHappened, { thingId: 7 } as never, context, ports)).toThrow();
  });

  it("refuses event types that are not dotted kebab-case", () => {
    expect(() => defineEvent("ThingHappened", 1, z.object({}), "x")).toThrow(/dotted kebab-case/);
  });

  it("stores the event in its subject's partition, marked for the stream filter", () => {
    const event = newEvent(thingHappened, { thingId: "thg_1" }, context, ports);
    expect(eventItem(event, "thing#thg_1")).toMatchObject({
      pk: "thing#thg_1",
      sk: `evt#${event.id}`,
      entity: "event",
    });
  });
});
