import { parseEnv } from "#shared/config/env.ts";
import { cnProvider, cnProviderSettings } from "./cn-provider.ts";
import { deliveryEnv } from "./ports.ts";
import { messageProviderFrom, type MessageProvider } from "./message-provider.ts";

/**
 * SMS and email (SNS and SES in AWS, Tencent Cloud SMS and an SMTP relay in the China regions, the local outbox
 * locally): only the sender loads these clients. The `cn` provider's settings are validated here, at cold start.
 */
export const messageProvider: MessageProvider =
  deliveryEnv.MESSAGE_PROVIDER === "cn"
    ? cnProvider(parseEnv(cnProviderSettings))
    : messageProviderFrom({
        provider: deliveryEnv.MESSAGE_PROVIDER,
        emailFrom: deliveryEnv.EMAIL_FROM,
        smsSenderId: deliveryEnv.SMS_SENDER_ID,
      });
