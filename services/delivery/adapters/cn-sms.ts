import { createHash, createHmac } from "node:crypto";
import { logger } from "#shared/observability.ts";
import { TEMPLATES, type Template } from "../domain/templates.ts";
import {
  PermanentDeliveryError,
  TemporaryDeliveryError,
  type MessageProvider,
  type OutgoingMessage,
} from "./message-provider.ts";

/**
 * SMS in the AWS China regions (issue 23: SNS sends no SMS there) through Tencent Cloud SMS, API 3.0 (`SendSms`,
 * version 2021-01-11). Why Tencent, and why no SDK: a domestic SMS service sends only templates approved in advance
 * (模板) under a registered signature (签名) — Tencent's and Alibaba's alike — and Tencent's API is one JSON POST signed
 * with TC3-HMAC-SHA256, about thirty lines with node:crypto below, tested against the example signature its
 * documentation publishes. Its SDK (`tencentcloud-sdk-nodejs-sms` and the common package it needs) brings an HTTP
 * client and form/JSON helpers the sending functions would carry for one call; issue 21 counts every kilobyte of a
 * bundle, and the sender already carries the SNS and SES clients of the `aws` provider.
 */

const API_VERSION = "2021-01-11";
const SERVICE = "sms";
const CONTENT_TYPE = "application/json; charset=utf-8";

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  service: string;
  /** The request's `Host` (host[:port]). */
  host: string;
  /** Seconds since the epoch (`X-TC-Timestamp`): the credential's date is its UTC day. */
  timestamp: number;
  payload: string;
  /** Signed besides content-type and host; the API's current documentation signs `x-tc-action` too. */
  action?: string;
}

const sha256 = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/**
 * The `Authorization` header of a Tencent Cloud API 3.0 request (TC3-HMAC-SHA256, "Signature v3"): a POST to `/`
 * with no query, signing the content type, the host and (when given) the action.
 */
export function tc3Authorization(request: Tc3Request): string {
  const headers: [string, string][] = [
    ["content-type", CONTENT_TYPE],
    ["host", request.host],
    ...(request.action ? [["x-tc-action", request.action.toLowerCase()] as [string, string]] : []),
  ];
  const signedHeaders = headers.map(([name]) => name).join(";");
  const canonicalRequest = [
    "POST",
    "/",
    "",
    headers.map(([name, value]) => `${name}:${value}\n`).join(""),
    signedHeaders,
    sha256(request.payload),
  ].join("\n");
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(request.timestamp), scope, sha256(canonicalRequest)].join(
    "\n",
  );
  const signingKey = hmac(hmac(hmac(`TC3${request.secretKey}`, date), request.service), "tc3_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");
  return `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The registered signature our templates open with (【…】): the provider adds it from `SignName`, not the template. */
const SIGNATURE_PREFIX = /^【[^】]*】/;

/** A template's SMS text without the signature, and its placeholders in order of first appearance. */
function smsShape(template: Template) {
  const text = template.sms.replace(SIGNATURE_PREFIX, "");
  const names = [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
  return { text, names };
}

/**
 * The text to register with the provider for a template: ours with `{1}`, `{2}`… for the placeholders in order (the
 * provider numbers its variables), without the signature — what an operator submits for approval.
 */
export function providerTemplateText(templateKey: string): string | undefined {
  const template = TEMPLATES[templateKey];
  if (!template) return undefined;
  const { text, names } = smsShape(template);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => `{${names.indexOf(name) + 1}}`);
}

/**
 * The parameters a rendered SMS was filled with, in the provider's order — read back from the text, since a
 * notification stores what it said, not the values (services/delivery/domain/templates.ts renders them). Undefined
 * when the text is not this template's (another wording, e.g. a notification rendered from an earlier version).
 */
export function templateParams(template: Template, body: string): string[] | undefined {
  const { text, names } = smsShape(template);
  const seen = new Set<string>();
  const pattern = text
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return escapeRegExp(part);
      if (seen.has(name)) return `\\k<${name}>`;
      seen.add(name);
      return `(?<${name}>[\\s\\S]+?)`;
    })
    .join("");
  const match = new RegExp(`^${pattern}$`).exec(body.replace(SIGNATURE_PREFIX, ""));
  return match ? names.map((name) => match.groups![name]!) : undefined;
}

/** How much fixed text a template's SMS has: of two templates a text matches, the one with more is the one it is. */
const literalLength = (template: Template) => smsShape(template).text.replace(/\{\w+\}/g, "").length;

/**
 * The template a message was rendered from: the one it names, or else the most specific one whose SMS text it
 * matches — `delivery.ready`'s SMS (`…办理结果{readyBy}`) matches every text of `delivery.completed` too. The
 * sender should pass the key (it is on every notification); the text alone identifies every template of
 * templates.ts as they are (unit-tested), a fallback, not the design.
 */
export function templateOf(message: Pick<OutgoingMessage, "templateKey" | "body">): Template | undefined {
  if (message.templateKey) return TEMPLATES[message.templateKey];
  const matching = Object.values(TEMPLATES)
    .filter((t) => templateParams(t, message.body))
    .sort((a, b) => literalLength(b) - literalLength(a));
  const [best, next] = matching;
  return best && (!next || literalLength(best) > literalLength(next)) ? best : undefined;
}

/** Provider template ids by `key@version` or `key` (the exact wording approved first, then the key's). */
export type TemplateMap = Record<string, string>;

/**
 * Which answers of the provider refuse this message for good: a wrong number, a template or signature not approved,
 * a parameter the template refuses, a number that unsubscribed. Everything else — throttling (`RequestLimitExceeded`,
 * `LimitExceeded.*`: per-number frequency, daily quota), `InternalError.*`, the package's balance, our own API key
 * (`AuthFailure.*`, fixed by an operator) and any code not listed — is retried: a notification is never dropped
 * for an answer we do not know to be final, and the queue's last attempt leaves it to the DLQ, visible and redrivable.
 */
const PERMANENT_CODES = new Set([
  "FailedOperation.TemplateUnapprovedOrNotExist",
  "FailedOperation.TemplateIncorrectOrUnapproved",
  "FailedOperation.SignatureIncorrectOrUnapproved",
  "FailedOperation.PhoneNumberInBlacklist",
  "FailedOperation.PhoneNumberParseFail",
  "FailedOperation.ContainSensitiveWord",
  "FailedOperation.MissingSignatureToModify",
  "FailedOperation.MissingTemplateToModify",
]);
const PERMANENT_PREFIXES = [
  "InvalidParameterValue.",
  "InvalidParameter.",
  "MissingParameter.",
  "UnsupportedOperation.",
];

export const isPermanentSmsCode = (code: string) =>
  PERMANENT_CODES.has(code) || PERMANENT_PREFIXES.some((prefix) => code.startsWith(prefix));

export interface TencentSmsConfig {
  endpoint: string;
  region: string;
  secretId: string;
  secretKey: () => Promise<string>;
  appId: string;
  signName: string;
  templates: TemplateMap;
  now?: () => Date;
  timeoutMs?: number;
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { SerialNo?: string; Code?: string; Message?: string }[];
    RequestId?: string;
  };
}

/**
 * A refusal, logged with the notification's id, the template and the provider's code — never the number or the text
 * (both personal data: DOMAIN.md). The error's message, stored on the notification, holds no personal data either.
 */
function refused(message: OutgoingMessage, templateKey: string | undefined, code: string): never {
  logger.warn("SMS refused by the provider for good", {
    notificationId: message.notificationId,
    templateKey,
    code,
  });
  throw new PermanentDeliveryError(code);
}

/** Send an SMS through Tencent Cloud SMS: template id and parameters for the notification's text. */
export function tencentSms(config: TencentSmsConfig): MessageProvider["send"] {
  const url = new URL(config.endpoint);
  const now = config.now ?? (() => new Date());
  return async (message) => {
    const template = templateOf(message);
    if (!template) return refused(message, message.templateKey, "TemplateUnknown");
    const version = message.templateVersion ?? template.version;
    const templateId = config.templates[`${template.key}@${version}`] ?? config.templates[template.key];
    if (!templateId) return refused(message, template.key, "TemplateNotMapped");
    const params = templateParams(template, message.body);
    if (!params) return refused(message, template.key, "TextNotOfTemplate");

    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${message.to}`],
      SmsSdkAppId: config.appId,
      SignName: config.signName,
      TemplateId: templateId,
      TemplateParamSet: params,
      SessionContext: message.notificationId,
    });
    let secretKey: string;
    try {
      secretKey = await config.secretKey();
    } catch (error) {
      throw new TemporaryDeliveryError(`SMS secret unavailable: ${(error as Error).name}`);
    }
    const timestamp = Math.floor(now().getTime() / 1000);
    let answer: SendSmsAnswer;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": CONTENT_TYPE,
          "x-tc-action": "SendSms",
          "x-tc-version": API_VERSION,
          "x-tc-region": config.region,
          "x-tc-timestamp": String(timestamp),
          authorization: tc3Authorization({
            secretId: config.secretId,
            secretKey,
            service: SERVICE,
            host: url.host,
            timestamp,
            payload,
            action: "SendSms",
          }),
        },
        body: payload,
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
      if (!res.ok) throw new TemporaryDeliveryError(`SMS provider answered HTTP ${res.status}`);
      answer = (await res.json()) as SendSmsAnswer;
    } catch (error) {
      if (error instanceof TemporaryDeliveryError) throw error;
      throw new TemporaryDeliveryError(`SMS provider unreachable: ${(error as Error).name}`);
    }
    const status = answer.Response?.SendStatusSet?.[0];
    const code = answer.Response?.Error?.Code ?? status?.Code;
    if (!code) throw new TemporaryDeliveryError("SMS provider answered without a status");
    if (code === "Ok") return { providerRef: status?.SerialNo ?? message.notificationId };
    if (isPermanentSmsCode(code)) return refused(message, template.key, code);
    throw new TemporaryDeliveryError(code);
  };
}
