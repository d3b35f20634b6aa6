import { deliveryEnv } from "./ports.ts";
import { messageProviderFrom } from "./message-provider.ts";

/** SMS and email (SNS and SES in AWS, the local outbox locally): only the sender loads these clients. */
export const messageProvider = messageProviderFrom({
  provider: deliveryEnv.MESSAGE_PROVIDER,
  emailFrom: deliveryEnv.EMAIL_FROM,
  smsSenderId: deliveryEnv.SMS_SENDER_ID,
});
