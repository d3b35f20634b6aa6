/**
 * The SMS and email providers (`MESSAGE_PROVIDER`) and, for each, the settings its sending functions get and the
 * secrets it reads (a variable name: the value locally, `<name>_ARN` in AWS — see secrets.ts), in the style of
 * integrations.ts. CDK gives the functions that build a provider (services/delivery/adapters/provider.ts) these names.
 *
 * - `aws`: SNS for SMS, SES for email — the commercial regions.
 * - `cn`: the AWS China regions, where SNS sends no SMS and SES is not offered (issue 23): Tencent Cloud SMS for SMS
 *   (pre-approved templates with a registered signature) and an SMTP relay over TLS for email.
 * - `local`: the local runtime's outbox.
 */
export const MESSAGE_PROVIDERS = ["aws", "cn", "local"] as const;
export type MessageProviderName = (typeof MESSAGE_PROVIDERS)[number];

/** Settings of the `cn` provider's SMS (Tencent Cloud SMS, API 3.0). */
export const CN_SMS_SETTINGS = {
  /** The API's endpoint; default `https://sms.tencentcloudapi.com` (tests point it at a local fake). */
  endpoint: "SMS_ENDPOINT",
  /** The API region (`X-TC-Region`); default `ap-beijing`. */
  region: "SMS_REGION",
  /** The API key's id (SecretId): identifies the key, like a user name; its secret half is `SMS_SECRET_KEY`. */
  secretId: "SMS_SECRET_ID",
  /** The SMS application's id (SmsSdkAppId). */
  appId: "SMS_APP_ID",
  /** The registered signature (签名), e.g. `北京政务服务`: the provider puts it in 【】 before the text. */
  signName: "SMS_SIGN_NAME",
  /**
   * JSON: a template key (services/delivery/domain/templates.ts), optionally `key@version`, → the provider's approved
   * template id, e.g. `{"application.submitted":"1234567"}`. A template without an entry is not sent (permanent).
   */
  templates: "SMS_TEMPLATES",
} as const;

/** Settings of the `cn` provider's email (SMTP with implicit TLS, RFC 8314). */
export const CN_SMTP_SETTINGS = {
  host: "SMTP_HOST",
  /** Default 465 (SMTP submission over implicit TLS). */
  port: "SMTP_PORT",
  user: "SMTP_USER",
  /** Optional: a CA (PEM) to trust besides the public ones, for a relay whose certificate a private CA issued. */
  ca: "SMTP_CA",
} as const;

/** The sender address of every email (`aws` and `cn`). */
export const EMAIL_FROM = "EMAIL_FROM";

/** The `cn` provider's secrets: the Tencent Cloud API key's secret half (SecretKey), the SMTP account's password. */
export const CN_SECRETS = { smsSecretKey: "SMS_SECRET_KEY", smtpPassword: "SMTP_PASSWORD" } as const;

export const MESSAGING_SECRETS: Record<MessageProviderName, readonly string[]> = {
  aws: [],
  cn: Object.values(CN_SECRETS),
  local: [],
};

export const MESSAGING_SETTINGS: Record<MessageProviderName, readonly string[]> = {
  aws: [EMAIL_FROM, "SMS_SENDER_ID"],
  cn: [...Object.values(CN_SMS_SETTINGS), ...Object.values(CN_SMTP_SETTINGS), EMAIL_FROM],
  local: [],
};

/** The `cn` provider's deployment settings, as CDK context gives them (infra/aws/context.ts). */
export interface CnMessagingContext {
  smsSecretId: string;
  smsAppId: string;
  smsSignName: string;
  /** Template key (or `key@version`) → the provider's approved template id. */
  smsTemplates: Record<string, string>;
  smsEndpoint?: string;
  smsRegion?: string;
  smtpHost: string;
  smtpPort?: number;
  smtpUser: string;
  smtpCa?: string;
  emailFrom: string;
}

/**
 * The sending functions' environment for the `cn` provider (settings only: the secrets go as `<NAME>_ARN`, see
 * MESSAGING_SECRETS). Optional settings left out take the adapter's defaults.
 */
export function cnMessagingEnvironment(c: CnMessagingContext): Record<string, string> {
  const optional = (name: string, value: string | number | undefined) =>
    value === undefined ? {} : { [name]: String(value) };
  return {
    [CN_SMS_SETTINGS.secretId]: c.smsSecretId,
    [CN_SMS_SETTINGS.appId]: c.smsAppId,
    [CN_SMS_SETTINGS.signName]: c.smsSignName,
    [CN_SMS_SETTINGS.templates]: JSON.stringify(c.smsTemplates),
    ...optional(CN_SMS_SETTINGS.endpoint, c.smsEndpoint),
    ...optional(CN_SMS_SETTINGS.region, c.smsRegion),
    [CN_SMTP_SETTINGS.host]: c.smtpHost,
    ...optional(CN_SMTP_SETTINGS.port, c.smtpPort),
    [CN_SMTP_SETTINGS.user]: c.smtpUser,
    ...optional(CN_SMTP_SETTINGS.ca, c.smtpCa),
    [EMAIL_FROM]: c.emailFrom,
  };
}
