import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { tracer } from "#shared/observability.ts";

/** A message for a provider: SMS to a mainland mobile, or an email. */
export interface OutgoingMessage {
  /** The notification's id: the provider's idempotency key where it has one, and the outbox's key locally. */
  notificationId: string;
  channel: "sms" | "email";
  to: string;
  subject?: string;
  body: string;
  /**
   * The template the text was rendered from (services/delivery/domain/templates.ts) and its version: a provider that
   * sends only approved templates with parameters (the `cn` provider's SMS) maps them to its own template. Where
   * absent, that provider finds the template by its text.
   */
  templateKey?: string;
  templateVersion?: number;
}

/** The provider refuses this address or message for good (an invalid number, a rejected email): do not retry. */
export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

/** The provider could not take it now (throttling, an outage): retry with backoff. */
export class TemporaryDeliveryError extends Error {
  override name = "TemporaryDeliveryError";
}

export interface MessageProvider {
  send(message: OutgoingMessage): Promise<{ providerRef: string }>;
}

const LOCAL_OUTBOX = Symbol.for("govservice.localOutbox");

/** The local runtime's outbox (infra/local registers it): readable at `GET /_local/outbox`, and can be told to fail. */
export interface LocalOutbox {
  deliver(message: OutgoingMessage): { providerRef: string };
}

export function registerLocalOutbox(outbox: LocalOutbox | undefined): void {
  (globalThis as typeof globalThis & { [LOCAL_OUTBOX]?: LocalOutbox })[LOCAL_OUTBOX] = outbox;
}

function localProvider(): MessageProvider {
  return {
    async send(message) {
      const outbox = (globalThis as typeof globalThis & { [LOCAL_OUTBOX]?: LocalOutbox })[LOCAL_OUTBOX];
      if (!outbox) throw new TemporaryDeliveryError("the local outbox is not running");
      return outbox.deliver(message);
    },
  };
}

/**
 * Which SNS and SES errors refuse the message for good; undefined for anything to retry. The reason holds the error's
 * name and, for SNS, the parameter it names — never the error's message, which quotes the phone number.
 *
 * SNS's `InvalidParameterException` is what it answers both to a number it cannot publish to ("Invalid parameter:
 * PhoneNumber Reason: … is not valid to publish to") and to a request the account or region cannot serve — an SMS
 * attribute not allowed there, a region without SMS such as the China regions (issue 23), where every notification
 * was marked refused for good and dropped without retry. Only the first is about the recipient: the exception is
 * permanent when it names the `PhoneNumber` parameter and retried otherwise (the queue's last attempt leaves it in
 * the DLQ as a technical failure — seen, and redriven once fixed). SNS's `InvalidParameterValueException` is
 * treated the same way. SES's `MessageRejected` and `BadRequestException` and SNS's `OptedOutException` stay final.
 */
export function awsRefusal(error: Pick<Error, "name" | "message">): string | undefined {
  if (["MessageRejected", "BadRequestException", "OptedOutException"].includes(error.name)) return error.name;
  if (error.name !== "InvalidParameterException" && error.name !== "InvalidParameterValueException")
    return undefined;
  return /\bPhoneNumber\b/.test(error.message ?? "") ? `${error.name}: PhoneNumber` : undefined;
}

/**
 * SMS through SNS (transactional, to +86 numbers) and email through SES. Errors are sorted into permanent (the
 * address or content is refused) and temporary (anything the next attempt may not meet again).
 */
function awsProvider(config: { emailFrom: string; smsSenderId?: string }): MessageProvider {
  // Built at the first message, as every client of the project (shared/aws/clients.ts): the events consumer that
  // sends first attempts mostly handles events that send nothing, and its cold start should not build them.
  let sns: SNSClient | undefined;
  let ses: SESv2Client | undefined;
  const snsClient = () => (sns ??= tracer.captureAWSv3Client(new SNSClient({})));
  const sesClient = () => (ses ??= tracer.captureAWSv3Client(new SESv2Client({})));
  const classify = (error: unknown): never => {
    const reason = awsRefusal(error as Error);
    if (reason) throw new PermanentDeliveryError(reason);
    throw new TemporaryDeliveryError((error as Error).name || "provider error");
  };
  return {
    async send(message) {
      try {
        if (message.channel === "sms") {
          const { MessageId } = await snsClient().send(
            new PublishCommand({
              PhoneNumber: `+86${message.to}`,
              Message: message.body,
              MessageAttributes: {
                "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
                ...(config.smsSenderId
                  ? { "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: config.smsSenderId } }
                  : {}),
              },
            }),
          );
          return { providerRef: MessageId ?? message.notificationId };
        }
        const { MessageId } = await sesClient().send(
          new SendEmailCommand({
            FromEmailAddress: config.emailFrom,
            Destination: { ToAddresses: [message.to] },
            Content: {
              Simple: {
                Subject: { Data: message.subject ?? "", Charset: "UTF-8" },
                Body: { Text: { Data: message.body, Charset: "UTF-8" } },
              },
            },
            EmailTags: [{ Name: "notification", Value: message.notificationId.replace(/[^\w-]/g, "_") }],
          }),
        );
        return { providerRef: MessageId ?? message.notificationId };
      } catch (error) {
        return classify(error);
      }
    },
  };
}

/** The China regions (`cn-north-1`, `cn-northwest-1`): SNS sends no SMS there and SES is not offered (issue 23). */
const CHINA_REGION = /^cn-/;

/**
 * The `aws` or `local` provider (the `cn` one: cn-provider.ts, built by provider.ts). `aws` in a China region stops
 * the function at cold start: it could send nothing there, and a deployment that says so fails loudly at once.
 */
export function messageProviderFrom(
  config: { provider: "aws" | "local"; emailFrom?: string; smsSenderId?: string },
  region = process.env.AWS_REGION ?? "",
): MessageProvider {
  if (config.provider === "local") return localProvider();
  if (CHINA_REGION.test(region))
    throw new Error(
      `Invalid environment: MESSAGE_PROVIDER=aws cannot send SMS or email in ${region}; use MESSAGE_PROVIDER=cn`,
    );
  if (!config.emailFrom)
    throw new Error("Invalid environment: EMAIL_FROM is required with MESSAGE_PROVIDER=aws");
  return awsProvider({ emailFrom: config.emailFrom, smsSenderId: config.smsSenderId });
}
