import { describe, expect, it } from "vitest";
import { TemporaryDeliveryError, type OutgoingMessage } from "../adapters/message-provider.ts";
import { ulidIds } from "#shared/ids.ts";
import type { Envelope } from "#shared/events/envelope.ts";
import type { Notification } from "../domain/notification.ts";
import { notifyApplicant } from "./notify.use-case.ts";

/** The ports notifyApplicant uses, in memory: a case told by SMS, call and inbox; notifications kept by id. */
function ports() {
  const clock = { now: () => new Date("2027-03-01T02:00:00Z") };
  const written: { notification: Notification; events: Envelope[] }[] = [];
  const byId = new Map<string, Notification>();
  return {
    written,
    byId,
    ports: {
      cases: {
        facts: async () => ({
          applicationId: "app_01",
          centerId: "ctr_01",
          channels: ["sms", "call", "inbox"] as ("sms" | "call" | "inbox")[],
          phone: "13912345678",
          ownerId: "user-1",
          recordedBy: "clerk" as const,
        }),
        itemName: async () => "个体工商户登记",
        centerName: async () => "海淀区政务服务中心",
      },
      notifications: {
        // As the table does it: a conditional Put on the id, then one on the event's
        create: async (notification: Notification, event?: Envelope) => {
          if (byId.has(notification.id)) return "existed";
          byId.set(notification.id, notification);
          written.push({ notification, events: event ? [event] : [] });
          return "created";
        },
        get: async (id: string) => byId.get(id),
        sendEvent: async (id: string, event: Envelope) => {
          const entry = written.find((w) => w.notification.id === id)!;
          if (entry.events.some((e) => e.id === event.id)) return false;
          entry.events.push(event);
          return true;
        },
      },
      contacts: { verified: async () => ({}) },
      clock,
      ids: ulidIds(clock),
    },
  };
}

describe("notifying an applicant (art. 31)", () => {
  it("writes each channel's notification once however often its event comes, and an event only for what is sent", async () => {
    // Arrange
    const { ports: p, written } = ports();
    const source = { id: "evt_01J000000000000000000000", correlationId: "app_01" };
    // Act: the same event applied twice (a redelivery after the first write)
    const told = [];
    for (let i = 0; i < 2; i++)
      told.push(
        await notifyApplicant(
          "app_01",
          "application.accepted",
          { committedLimitDays: 5 },
          source,
          p as never,
        ),
      );
    // Assert: three notifications, the same ids both times; only the SMS carries notification.created
    expect(written.map((w) => w.notification.channel).sort()).toEqual(["call", "inbox", "sms"]);
    const sms = written.find((w) => w.notification.channel === "sms")!;
    expect(sms.events.map((e) => e.type)).toEqual(["notification.created"]);
    expect(sms.events[0]!.data).toMatchObject({ notificationId: sms.notification.id });
    expect(written.filter((w) => w.notification.channel !== "sms").flatMap((w) => w.events)).toEqual([]);
    expect(written.find((w) => w.notification.channel === "inbox")!.notification.status).toBe("delivered");
    // …and the second time, everything existed: the event was applied before
    expect(told).toEqual([
      { created: 3, existed: 0 },
      { created: 0, existed: 3 },
    ]);
  });

  it("writes the event a crash left a notification without, once, when its source event comes again", async () => {
    // Arrange: the SMS notification was written, and the delivery died before its event
    const { ports: p, written } = ports();
    const source = { id: "evt_01J000000000000000000001", correlationId: "app_01" };
    const create = p.notifications.create;
    p.notifications.create = async (notification: Notification, event?: Envelope) =>
      create(notification, notification.channel === "sms" ? undefined : event);
    await notifyApplicant("app_01", "application.accepted", { committedLimitDays: 5 }, source, p as never);
    p.notifications.create = create;
    // Act: redelivered, twice
    const again = await notifyApplicant(
      "app_01",
      "application.accepted",
      { committedLimitDays: 5 },
      source,
      p as never,
    );
    const third = await notifyApplicant(
      "app_01",
      "application.accepted",
      { committedLimitDays: 5 },
      source,
      p as never,
    );
    // Assert: the event written by the first redelivery, which counts as having done work; nothing by the next one
    const sms = written.find((w) => w.notification.channel === "sms")!;
    expect(sms.events.map((e) => e.type)).toEqual(["notification.created"]);
    expect(again).toEqual({ created: 1, existed: 2 });
    expect(third).toEqual({ created: 0, existed: 3 });
  });

  it("gives another event's notifications other ids", async () => {
    const { ports: p, byId } = ports();
    await notifyApplicant(
      "app_01",
      "application.accepted",
      { committedLimitDays: 5 },
      { id: "evt_A", correlationId: "c" },
      p as never,
    );
    await notifyApplicant(
      "app_01",
      "application.accepted",
      { committedLimitDays: 5 },
      { id: "evt_B", correlationId: "c" },
      p as never,
    );
    expect(byId.size).toBe(6);
  });
});

/**
 * The same ports with a provider, as delivery-on-event has them (issue 21): SMS sent at once. The provider records
 * every message it is given, and fails as told; the send counters allow `limit` notifications (idempotent per id).
 */
function sending(options: { fail?: "temporary"[]; limit?: number } = {}) {
  const base = ports();
  const fail = [...(options.fail ?? [])];
  const given: OutgoingMessage[] = [];
  const slots = new Set<string>();
  const provider = {
    send: async (message: OutgoingMessage) => {
      given.push(message);
      if (fail.shift() === "temporary") throw new TemporaryDeliveryError("busy");
      return { providerRef: `ref-${given.length}` };
    },
  };
  const notifications = {
    ...base.ports.notifications,
    takeSendSlot: async (_c: unknown, _h: string, _e: number, token: string) => {
      if (slots.has(token)) return true;
      if (slots.size >= (options.limit ?? 6)) return false;
      slots.add(token);
      return true;
    },
  };
  const p = {
    ...base.ports,
    notifications,
    provider,
    policy: { sendLimits: { perRecipientPerHour: 6, perAccountPerHour: 20 } },
  };
  return { ...base, given, slots, p };
}
const accepted = (p: unknown, id = "evt_01J000000000000000000009") =>
  notifyApplicant(
    "app_01",
    "application.accepted",
    { committedLimitDays: 5 },
    { id, correlationId: "app_01" },
    p as never,
  );
const smsOf = (written: { notification: Notification; events: Envelope[] }[]) =>
  written.find((w) => w.notification.channel === "sms")!;

describe("sending an SMS at once, from the consumer that tells it (issue 21)", () => {
  it("writes it once, delivered, with no event; a redelivered source event sends nothing", async () => {
    // Arrange
    const { p, written, given } = sending();
    // Act
    const first = await accepted(p);
    const again = await accepted(p);
    // Assert
    const sms = smsOf(written);
    expect(sms.notification).toMatchObject({
      status: "delivered",
      attempts: 1,
      providerRef: "ref-1",
      version: 1,
    });
    expect(sms.events).toEqual([]);
    expect(given.map((m) => m.notificationId)).toEqual([sms.notification.id]);
    expect([first, again]).toEqual([
      { created: 3, existed: 0 },
      { created: 0, existed: 3 },
    ]);
  });

  it("hands a temporary failure to the sending queue: written once with its event, which a redelivery does not repeat", async () => {
    // Arrange
    const { p, written, given } = sending({ fail: ["temporary"] });
    // Act
    await accepted(p);
    const again = await accepted(p);
    // Assert
    const sms = smsOf(written);
    expect(sms.notification).toMatchObject({ status: "temporaryFailure", attempts: 1, lastError: "busy" });
    expect(sms.events.map((e) => e.type)).toEqual(["notification.created"]);
    expect(sms.events[0]!.data).toMatchObject({ notificationId: sms.notification.id });
    expect(given).toHaveLength(1);
    expect(again).toEqual({ created: 0, existed: 3 });
  });

  it("writes the event a crash left a temporary failure without, once, when its source event comes again", async () => {
    // Arrange: the notification written, the delivery died before its event
    const { p, written } = sending({ fail: ["temporary"] });
    const create = p.notifications.create;
    p.notifications.create = async (notification: Notification) => create(notification);
    await accepted(p);
    p.notifications.create = create;
    // Act
    const again = await accepted(p);
    const third = await accepted(p);
    // Assert
    expect(smsOf(written).events.map((e) => e.type)).toEqual(["notification.created"]);
    expect(again).toEqual({ created: 1, existed: 2 });
    expect(third).toEqual({ created: 0, existed: 3 });
  });

  it("loses nothing to a crash before the send, and sends again (same id, one slot) after one before the write", async () => {
    // Arrange: the first delivery dies after taking its send slot, before the provider; the second after the
    // provider accepted, before the Put
    const { p, written, given, slots } = sending();
    const take = p.notifications.takeSendSlot;
    p.notifications.takeSendSlot = async (...args: Parameters<typeof take>) => {
      await take(...args);
      throw new Error("the process died before the send");
    };
    await expect(accepted(p)).rejects.toThrow("died");
    expect(given).toEqual([]);
    p.notifications.takeSendSlot = take;
    const create = p.notifications.create;
    p.notifications.create = async (notification: Notification, event?: Envelope) => {
      if (notification.channel === "sms") throw new Error("the process died before the write");
      return create(notification, event);
    };
    await expect(accepted(p)).rejects.toThrow("died");
    p.notifications.create = create;
    // Act
    const third = await accepted(p);
    // Assert: the message went out under the notification's id each time (the provider's idempotency key), the
    // notification was written once, delivered, and took one send slot
    const sms = smsOf(written);
    expect(given.map((m) => m.notificationId)).toEqual([sms.notification.id, sms.notification.id]);
    expect(sms.notification).toMatchObject({ status: "delivered", attempts: 1 });
    expect(slots.size).toBe(1);
    expect(third.created).toBeGreaterThan(0);
  });

  it("rate limits without sending or queueing when the counters refuse (issue 15)", async () => {
    // Arrange
    const { p, written, given } = sending({ limit: 0 });
    // Act
    await accepted(p);
    // Assert
    expect(smsOf(written).notification).toMatchObject({ status: "rateLimited", attempts: 0 });
    expect(smsOf(written).events).toEqual([]);
    expect(given).toEqual([]);
  });
});
