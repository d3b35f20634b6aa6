import * as z from "zod";
import { CN_SECRETS } from "#shared/config/messaging.ts";
import { secretValue } from "#shared/config/secrets.ts";
import { tencentSms, type TemplateMap } from "./cn-sms.ts";
import { smtpEmail } from "./cn-smtp.ts";
import type { MessageProvider } from "./message-provider.ts";

/**
 * The `cn` message provider (issue 23): in the AWS China regions SNS sends no SMS and SES is not offered, so SMS goes
 * through Tencent Cloud SMS (cn-sms.ts) and email through an SMTP relay over TLS (cn-smtp.ts). Secrets are read only
 * through `secretValue` (the value locally, the secret's ARN in AWS), at the first message of each kind and then
 * from its cache — never from a plain variable in AWS, never logged.
 */
/**
 * The `cn` provider's settings (names in shared/config/messaging.ts), validated by provider.ts at the sending
 * functions' cold start when MESSAGE_PROVIDER=cn: a missing one stops the function there, not at the first message.
 */
export const cnProviderSettings = z.object({
  SMS_ENDPOINT: z.url({ protocol: /^https?$/ }).default("https://sms.tencentcloudapi.com"),
  SMS_REGION: z.string().min(1).default("ap-beijing"),
  SMS_SECRET_ID: z.string().min(1),
  SMS_APP_ID: z.string().min(1),
  SMS_SIGN_NAME: z.string().min(1),
  SMS_TEMPLATES: z.string().transform((raw, ctx): TemplateMap => {
    const parsed = z.record(z.string(), z.string().min(1)).safeParse(safeJson(raw));
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: "must be a JSON object of template key → provider template id" });
    return z.NEVER;
  }),
  SMTP_HOST: z.string().min(1),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(465),
  SMTP_USER: z.string().min(1),
  SMTP_CA: z.string().includes("-----BEGIN CERTIFICATE-----").optional(),
  EMAIL_FROM: z.email(),
});
export type CnProviderSettings = z.output<typeof cnProviderSettings>;

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function cnProvider(
  settings: CnProviderSettings,
  /** Where secrets are read (secrets.ts): the process's environment unless a test gives its own. */
  env: NodeJS.ProcessEnv = process.env,
): MessageProvider {
  const sms = tencentSms({
    endpoint: settings.SMS_ENDPOINT,
    region: settings.SMS_REGION,
    secretId: settings.SMS_SECRET_ID,
    secretKey: () => secretValue(CN_SECRETS.smsSecretKey, env),
    appId: settings.SMS_APP_ID,
    signName: settings.SMS_SIGN_NAME,
    templates: settings.SMS_TEMPLATES,
  });
  const email = smtpEmail({
    host: settings.SMTP_HOST,
    port: settings.SMTP_PORT,
    user: settings.SMTP_USER,
    password: () => secretValue(CN_SECRETS.smtpPassword, env),
    from: settings.EMAIL_FROM,
    ca: settings.SMTP_CA,
  });
  return { send: (message) => (message.channel === "sms" ? sms(message) : email(message)) };
}
