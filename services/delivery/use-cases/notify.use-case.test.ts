import { describe, expect, it } from "vitest";
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
        // As the table does it: a conditional Put on the id
        create: async (notification: Notification, events: Envelope[]) => {
          if (byId.has(notification.id)) return false;
          byId.set(notification.id, notification);
          written.push({ notification, events });
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
    for (let i = 0; i < 2; i++)
      await notifyApplicant("app_01", "application.accepted", { committedLimitDays: 5 }, source, p as never);
    // Assert: three notifications, the same ids both times; only the SMS carries notification.created
    expect(written.map((w) => w.notification.channel).sort()).toEqual(["call", "inbox", "sms"]);
    const sms = written.find((w) => w.notification.channel === "sms")!;
    expect(sms.events.map((e) => e.type)).toEqual(["notification.created"]);
    expect(sms.events[0]!.data).toMatchObject({ notificationId: sms.notification.id });
    expect(written.filter((w) => w.notification.channel !== "sms").flatMap((w) => w.events)).toEqual([]);
    expect(written.find((w) => w.notification.channel === "inbox")!.notification.status).toBe("delivered");
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
