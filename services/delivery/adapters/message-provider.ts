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
  const permanent = new Set([
    "InvalidParameterException",
    "InvalidParameterValueException",
    "MessageRejected",
    "BadRequestException",
    "OptedOutException",
  ]);
  const classify = (error: unknown): never => {
    const name = (error as Error).name;
    if (permanent.has(name)) throw new PermanentDeliveryError(name);
    throw new TemporaryDeliveryError(name || "provider error");
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

export function messageProviderFrom(config: {
  provider: "aws" | "local";
  emailFrom?: string;
  smsSenderId?: string;
}): MessageProvider {
  if (config.provider === "local") return localProvider();
  if (!config.emailFrom)
    throw new Error("Invalid environment: EMAIL_FROM is required with MESSAGE_PROVIDER=aws");
  return awsProvider({ emailFrom: config.emailFrom, smsSenderId: config.smsSenderId });
}
