import { randomUUID } from "node:crypto";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "#shared/auth/caller.ts";
import { clock } from "#shared/clock.ts";
import { parseEnv } from "#shared/config/env.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { keyedIds } from "#shared/ids.ts";
import { cnProvider, cnProviderSettings } from "#services/delivery/adapters/cn-provider.ts";
import {
  PermanentDeliveryError,
  TemporaryDeliveryError,
  type MessageProvider,
  type OutgoingMessage,
} from "#services/delivery/adapters/message-provider.ts";
import { notificationStore } from "#services/delivery/adapters/notification-store.ts";
import type { Notification } from "#services/delivery/domain/notification.ts";
import { render, TEMPLATES } from "#services/delivery/domain/templates.ts";
import { notificationCreated } from "#services/delivery/contract/events.ts";
import { sendNotification } from "#services/delivery/use-cases/send.use-case.ts";
import { stack } from "./support/api.ts";
import { startFakeTencentSms } from "./support/fake-tencent-sms.ts";
import { startTestSmtpServer } from "./support/test-smtp-server.ts";

/**
 * The `cn` message provider (issue 23: in the AWS China regions SNS sends no SMS and SES is not offered) against real
 * local servers: an SMTP server with TLS receiving the email, and a stand-in for Tencent Cloud SMS that verifies each
 * request's signature and answers as the service does — then through the send-notification use case and the sending
 * queue's own handler, with the notification in DynamoDB Local. (The shared local stack runs MESSAGE_PROVIDER=local:
 * infra/local sets it; here the handler runs in this process with MESSAGE_PROVIDER=cn.)
 */
const ACCOUNT = {
  secretId: "AKIDlocaltest",
  secretKey: "local-test-secret-key",
  appId: "1400123456",
  signName: "北京政务服务",
};
const SMTP = { user: "noreply@example.gov.cn", password: "smtp-test-password" };
const TEMPLATE_IDS = {
  "application.submitted": "2001001",
  "contact.verification-code": "2001002",
  "review.procedure-started": "2001003",
  // mapped, but the provider never approved it
  "delivery.completed": "2009999",
};

let sms: Awaited<ReturnType<typeof startFakeTencentSms>>;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let settingsEnv: Record<string, string>;
const secrets = { SMS_SECRET_KEY: ACCOUNT.secretKey, SMTP_PASSWORD: SMTP.password };

beforeAll(async () => {
  // the shared client is made on first use and reads its endpoint from the environment, as in a handler
  process.env.AWS_ENDPOINT_URL_DYNAMODB = stack.endpoints.dynamodb;
  process.env.AWS_REGION = "local";
  process.env.AWS_ACCESS_KEY_ID = "local";
  process.env.AWS_SECRET_ACCESS_KEY = "local";
  sms = await startFakeTencentSms({
    ...ACCOUNT,
    templates: { "2001001": 1, "2001002": 2, "2001003": 3 },
  });
  smtp = await startTestSmtpServer(SMTP);
  settingsEnv = {
    SMS_ENDPOINT: sms.endpoint,
    SMS_REGION: "ap-beijing",
    SMS_SECRET_ID: ACCOUNT.secretId,
    SMS_APP_ID: ACCOUNT.appId,
    SMS_SIGN_NAME: ACCOUNT.signName,
    SMS_TEMPLATES: JSON.stringify(TEMPLATE_IDS),
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    SMTP_USER: SMTP.user,
    SMTP_CA: smtp.ca,
    EMAIL_FROM: SMTP.user,
  };
});

afterAll(async () => {
  await sms?.close();
  await smtp?.close();
});

const provider = (overrides: Record<string, string> = {}, secretOverrides: Record<string, string> = {}) =>
  cnProvider(parseEnv(cnProviderSettings, { ...settingsEnv, ...overrides }), {
    ...secrets,
    ...secretOverrides,
  });

/** A mobile number of this test's own (sends are counted per recipient and hour: issue 15). */
let phones = 0;
const uniquePhone = () => `139${String((Date.now() % 100_000) * 100 + (phones++ % 100)).padStart(8, "0")}`;

function smsOf(
  templateKey: string,
  values: Record<string, string | number>,
  to = uniquePhone(),
): OutgoingMessage {
  const template = TEMPLATES[templateKey]!;
  return {
    notificationId: `ntf_${ulid()}`,
    channel: "sms",
    to,
    body: render(template.sms, values),
    templateKey,
    templateVersion: template.version,
  };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

describe("cn provider, SMS (Tencent Cloud SMS stand-in that verifies the signature)", () => {
  it("sends the notification's approved template with its parameters, signed, and returns the serial number", async () => {
    // Arrange
    const message = smsOf("review.procedure-started", {
      itemName: "食品经营许可",
      procedure: "现场核查",
      days: 5,
    });
    // Act
    const { providerRef } = await provider().send(message);
    // Assert
    expect(providerRef).toMatch(/^2028:/);
    expect(sms.received.at(-1)).toEqual({
      action: "SendSms",
      region: "ap-beijing",
      phone: `+86${message.to}`,
      templateId: "2001003",
      params: ["食品经营许可", "现场核查", "5"],
      sessionContext: message.notificationId,
    });
  });

  it("finds the template by its text when the message does not name it", async () => {
    const {
      templateKey: _,
      templateVersion: __,
      ...unnamed
    } = smsOf("contact.verification-code", {
      code: "482913",
      minutes: 10,
    });
    await provider().send(unnamed);
    expect(sms.received.at(-1)).toMatchObject({ templateId: "2001002", params: ["482913", "10"] });
  });

  it("retries throttling, an outage (5xx), a lost endpoint and a rejected signature; refuses a wrong number for good", async () => {
    // Arrange
    const send = provider().send;
    sms.answerNext(
      { error: "LimitExceeded.PhoneNumberThirtySecondLimit" },
      { error: "RequestLimitExceeded" },
    );
    sms.answerNext({ http: 502 }, { error: "InternalError.Timeout" });
    const message = () => smsOf("application.submitted", { itemName: "个体工商户登记" });
    // Act
    const throttled = [await failure(send(message())), await failure(send(message()))];
    const outage = [await failure(send(message())), await failure(send(message()))];
    const unreachable = await failure(provider({ SMS_ENDPOINT: "http://127.0.0.1:9" }).send(message()));
    const badKey = await failure(provider({}, { SMS_SECRET_KEY: "not-the-key" }).send(message()));
    const wrongNumber = await failure(
      send(smsOf("application.submitted", { itemName: "某事项" }, "10012345678")),
    );
    // Assert
    for (const error of [...throttled, ...outage, unreachable, badKey])
      expect(error).toBeInstanceOf(TemporaryDeliveryError);
    expect(throttled.map((e) => e!.message)).toEqual([
      "LimitExceeded.PhoneNumberThirtySecondLimit",
      "RequestLimitExceeded",
    ]);
    expect(outage.map((e) => e!.message)).toEqual([
      "SMS provider answered HTTP 502",
      "InternalError.Timeout",
    ]);
    expect(badKey!.message).toBe("AuthFailure.SignatureFailure");
    expect(sms.refusals).toContain("AuthFailure.SignatureFailure");
    expect(wrongNumber).toBeInstanceOf(PermanentDeliveryError);
    expect(wrongNumber!.message).toBe("InvalidParameterValue.IncorrectPhoneNumber");
  });

  it("refuses for good a template the provider has not approved, a wrong signature name, and one with no mapping", async () => {
    const before = sms.received.length;
    const unapproved = await failure(
      provider().send(smsOf("delivery.completed", { itemName: "某事项", method: "窗口领取" })),
    );
    const wrongSign = await failure(
      provider({ SMS_SIGN_NAME: "未报备签名" }).send(smsOf("application.submitted", { itemName: "某事项" })),
    );
    const unmapped = await failure(
      provider().send(smsOf("application.accepted", { itemName: "某事项", committedLimitDays: 5 })),
    );
    expect([unapproved, wrongSign, unmapped].map((e) => [e?.name, e?.message])).toEqual([
      ["PermanentDeliveryError", "FailedOperation.TemplateUnapprovedOrNotExist"],
      ["PermanentDeliveryError", "FailedOperation.SignatureIncorrectOrUnapproved"],
      ["PermanentDeliveryError", "TemplateNotMapped"],
    ]);
    expect(sms.received.length).toBe(before);
  });
});

describe("cn provider, email (a real SMTP server over TLS)", () => {
  const emailOf = (to: string): OutgoingMessage => ({
    notificationId: `ntf_${ulid()}`,
    channel: "email",
    to,
    subject: "申请已提交：食品经营许可（新办）",
    body: "您好：\n\n您的“食品经营许可（新办）”申请已提交，我们将在5个工作日内告知是否受理。\n\n海淀区政务服务中心",
  });

  it("delivers a Chinese subject and body to the relay, signed in with the account's password", async () => {
    // Arrange
    const to = `applicant-${ulid().toLowerCase()}@example.com`;
    const message = emailOf(to);
    // Act
    const { providerRef } = await provider().send(message);
    // Assert
    const got = smtp.received.at(-1)!;
    expect(providerRef).toBe(`TEST${smtp.received.length}`);
    expect({ from: got.from, to: got.to, user: got.user, subject: got.subject, body: got.body }).toEqual({
      from: SMTP.user,
      to: [to],
      user: SMTP.user,
      subject: message.subject,
      body: message.body.replace(/\n/g, "\r\n"),
    });
    expect(got.headers["message-id"]).toContain(message.notificationId);
  });

  it("refuses for good a recipient the relay refuses (550); retries 451, a wrong password, an untrusted certificate", async () => {
    const gone = `gone-${ulid().toLowerCase()}@example.com`;
    const busy = `busy-${ulid().toLowerCase()}@example.com`;
    smtp.refuseForGood(gone);
    smtp.refuseForNow(busy);
    const before = smtp.received.length;
    const refused = await failure(provider().send(emailOf(gone)));
    const later = await failure(provider().send(emailOf(busy)));
    const wrongPassword = await failure(
      provider({}, { SMTP_PASSWORD: "wrong" }).send(emailOf("a@example.com")),
    );
    const { SMTP_CA: _, ...withoutCa } = settingsEnv;
    const untrusted = await failure(
      cnProvider(parseEnv(cnProviderSettings, withoutCa), secrets).send(emailOf("a@example.com")),
    );
    const injected = await failure(provider().send(emailOf("a@example.com>\r\nRCPT TO:<b@example.com")));
    expect([refused, later, wrongPassword, untrusted, injected].map((e) => e?.name)).toEqual([
      "PermanentDeliveryError",
      "TemporaryDeliveryError",
      "TemporaryDeliveryError",
      "TemporaryDeliveryError",
      "PermanentDeliveryError",
    ]);
    expect(refused!.message).toBe("SMTP RCPT refused (550)");
    expect(wrongPassword!.message).toBe("SMTP AUTH refused (535)");
    expect(smtp.received.length).toBe(before);
    // the client checked the relay's certificate and hung up in the handshake, before any SMTP command
    expect(untrusted!.message).toMatch(/certificate/);
  });
});

/** A notification as notify.use-case.ts writes one for the sending queue: `created`, never tried. */
async function givenNotification(
  channel: "sms" | "email",
  to: string,
  templateKey: string,
  values: Record<string, string>,
) {
  const template = TEMPLATES[templateKey]!;
  const now = clock.now().toISOString();
  const notification: Notification = {
    id: `ntf_${ulid()}`,
    recipient: { kind: "applicant", userId: `usr_${ulid()}` },
    channel,
    to,
    templateKey,
    templateVersion: template.version,
    ...(channel === "email"
      ? { subject: render(template.email.subject, values), body: render(template.email.body, values) }
      : { body: render(template.sms, values) }),
    status: "created",
    attempts: 0,
    sourceEventId: `evt_${ulid()}`,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await notificationStore(stack.tables.delivery!).create(notification);
  return notification;
}

const stored = (id: string) => notificationStore(stack.tables.delivery!).get(id);

describe("send-notification with MESSAGE_PROVIDER=cn (DynamoDB Local, the provider against the local servers)", () => {
  const ports = (provider: MessageProvider) => ({
    notifications: notificationStore(stack.tables.delivery!),
    provider,
    clock,
    policy: {
      lockerHoldHours: 72,
      resultLinkHours: 168,
      sendLimits: { perRecipientPerHour: 6, perAccountPerHour: 20 },
    },
  });
  const event = (n: Notification) =>
    newEvent(
      notificationCreated,
      {
        notificationId: n.id,
        channel: n.channel,
        templateKey: n.templateKey,
        templateVersion: n.templateVersion,
        recipient: n.recipient.kind,
        createdAt: n.createdAt,
      },
      { source: "delivery", subject: n.id, actor: systemActor("notifications"), correlationId: n.id },
      { clock, ids: keyedIds(`${n.id}#created`) },
    );

  it("a throttled SMS is retried by the queue and delivered on the next attempt; a wrong number ends refused", async () => {
    // Arrange
    const n = await givenNotification("sms", uniquePhone(), "application.submitted", {
      itemName: "食品经营许可",
    });
    const wrong = await givenNotification("sms", "10012345678", "application.submitted", {
      itemName: "食品经营许可",
    });
    sms.answerNext({ error: "LimitExceeded.PhoneNumberThirtySecondLimit" });
    // Act
    const first = await failure(
      sendNotification(event(n), ports(provider()), { receiveCount: 1, maxReceiveCount: 5 }),
    );
    const afterFirst = await stored(n.id);
    await sendNotification(event(n), ports(provider()), { receiveCount: 2, maxReceiveCount: 5 });
    await sendNotification(event(wrong), ports(provider()), { receiveCount: 1, maxReceiveCount: 5 });
    // Assert
    expect(first).toBeInstanceOf(TemporaryDeliveryError);
    expect(afterFirst).toMatchObject({ status: "temporaryFailure", attempts: 1 });
    expect(await stored(n.id)).toMatchObject({
      status: "delivered",
      attempts: 2,
      providerRef: expect.stringMatching(/^2028:/),
    });
    expect(sms.received.at(-2)).toMatchObject({
      phone: `+86${n.to}`,
      templateId: "2001001",
      params: ["食品经营许可"],
    });
    expect(await stored(wrong.id)).toMatchObject({
      status: "permanentFailure",
      lastError: "InvalidParameterValue.IncorrectPhoneNumber",
    });
  });

  it("the sending queue's handler, loaded with MESSAGE_PROVIDER=cn, delivers an email notification", async () => {
    // Arrange: the function's environment as CDK would give it (secrets by value, as the local runtime passes them)
    Object.assign(process.env, settingsEnv, secrets, {
      DELIVERY_TABLE: stack.tables.delivery!,
      MESSAGE_PROVIDER: "cn",
    });
    const { handler } = (await import("#services/delivery/handlers/send-notification.handler.ts")) as {
      handler: (event: SQSEvent, context: Context) => Promise<{ batchItemFailures: unknown[] }>;
    };
    const to = `applicant-${ulid().toLowerCase()}@example.com`;
    const n = await givenNotification("email", to, "application.submitted", {
      itemName: "食品经营许可",
      centerName: "海淀区政务服务中心",
    });
    const record = {
      messageId: randomUUID(),
      body: JSON.stringify(event(n)),
      attributes: { ApproximateReceiveCount: "1" },
    } as unknown as SQSRecord;
    const context = {
      functionName: "delivery-sends",
      awsRequestId: randomUUID(),
      getRemainingTimeInMillis: () => 10_000,
    } as unknown as Context;
    // Act
    const result = await handler({ Records: [record] }, context);
    // Assert
    expect(result.batchItemFailures).toEqual([]);
    expect(await stored(n.id)).toMatchObject({ status: "delivered", attempts: 1 });
    const got = smtp.received.at(-1)!;
    expect(got.to).toEqual([to]);
    expect(got.subject).toBe("申请已提交：食品经营许可");
    expect(got.body).toContain("您的“食品经营许可”申请已提交");
  });
});
