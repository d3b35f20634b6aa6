import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { notificationStore } from "#services/delivery/adapters/notification-store.ts";
import { db, stack } from "./support/api.ts";

/**
 * The hourly send counters (issue 15) against DynamoDB Local: the sender keeps no idempotency record (issue 21), so a
 * notification delivered twice — redelivered after a crash, or twice at once — must take one send, not two.
 */
beforeAll(() => {
  // the shared client is made on first use and reads its endpoint from the environment, as in a handler
  process.env.AWS_ENDPOINT_URL_DYNAMODB = stack.endpoints.dynamodb;
  process.env.AWS_REGION = "local";
  process.env.AWS_ACCESS_KEY_ID = "local";
  process.env.AWS_SECRET_ACCESS_KEY = "local";
});

const HOUR = "2027-03-01T02";
const EXPIRES = Math.floor(Date.now() / 1000) + 3600;
const store = () => notificationStore(stack.tables.delivery!);
const sent = async (key: string) =>
  (await db.send(new GetCommand({ TableName: stack.tables.delivery!, Key: { pk: `rate#${key}`, sk: HOUR } })))
    .Item?.sent;

describe("send counters (issue 15): one send per notification however often it is taken", () => {
  it("counts a notification taken twice, in turn or at once, once; refuses a new one at the limit, never one already counted", async () => {
    // Arrange
    const key = `sms#test-${ulid()}`;
    const counters = [{ key, limit: 3 }];
    const take = (token: string) => store().takeSendSlot(counters, HOUR, EXPIRES, token);
    // Act
    const first = await take("ntf_A");
    const again = await take("ntf_A");
    const together = await Promise.all([take("ntf_B"), take("ntf_B")]);
    const third = await take("ntf_C");
    const fourth = await take("ntf_D");
    const retryAtLimit = await take("ntf_C");
    // Assert
    expect([first, again, ...together, third]).toEqual([true, true, true, true, true]);
    expect(fourth).toBe(false);
    expect(retryAtLimit).toBe(true);
    expect(await sent(key)).toBe(3);
  });

  it("gives back the recipient's send when the account's counter refuses", async () => {
    // Arrange: the account is at its limit
    const recipient = `sms#test-${ulid()}`;
    const account = `account#test-${ulid()}`;
    expect(await store().takeSendSlot([{ key: account, limit: 1 }], HOUR, EXPIRES, "ntf_X")).toBe(true);
    // Act
    const taken = await store().takeSendSlot(
      [
        { key: recipient, limit: 6 },
        { key: account, limit: 1 },
      ],
      HOUR,
      EXPIRES,
      "ntf_Y",
    );
    // Assert: refused, and the recipient's counter is back where it was
    expect(taken).toBe(false);
    expect(await sent(recipient)).toBe(0);
    expect(await sent(account)).toBe(1);
  });
});
