import { describe, expect, it, vi } from "vitest";
import { parseEnv } from "#shared/config/env.ts";
import {
  CN_SECRETS,
  cnMessagingEnvironment,
  MESSAGING_SECRETS,
  MESSAGING_SETTINGS,
} from "#shared/config/messaging.ts";
import { logger } from "#shared/observability.ts";
import { cnProviderSettings } from "#services/delivery/adapters/cn-provider.ts";
import {
  isPermanentSmsCode,
  providerTemplateText,
  tc3Authorization,
  templateOf,
  templateParams,
  tencentSms,
} from "#services/delivery/adapters/cn-sms.ts";
import { mimeMessage } from "#services/delivery/adapters/cn-smtp.ts";
import {
  awsRefusal,
  messageProviderFrom,
  PermanentDeliveryError,
} from "#services/delivery/adapters/message-provider.ts";
import { render, TEMPLATES } from "#services/delivery/domain/templates.ts";

/** A value for every placeholder, distinct and shaped like what the use cases fill in (Chinese text, numbers). */
function sampleValues(text: string): Record<string, string> {
  const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((name, i) => [name, `值${i}：${name}（第${i + 1}项）`]));
}

describe("Tencent Cloud API signature (TC3-HMAC-SHA256)", () => {
  it('reproduces the example signature of the API\'s documentation ("Signature v3", CVM DescribeInstances)', () => {
    // Arrange: the documentation's example, byte for byte (its payload is Python's json.dumps, with \u escapes)
    const request = {
      secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******",
      secretKey: "Gu5t9xGARNpq86cd98joQYCN3*******",
      service: "cvm",
      host: "cvm.tencentcloudapi.com",
      timestamp: 1551113065,
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    };
    // Act
    const authorization = tc3Authorization(request);
    // Assert
    expect(authorization).toBe(
      "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, " +
        "SignedHeaders=content-type;host, " +
        "Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c",
    );
  });

  it("signs the action too when given, and any change of payload, key or time changes the signature", () => {
    const base = {
      secretId: "id",
      secretKey: "key",
      service: "sms",
      host: "sms.tencentcloudapi.com",
      timestamp: 1_800_000_000,
      payload: "{}",
      action: "SendSms",
    };
    const signature = (r: typeof base) => /Signature=(\w+)/.exec(tc3Authorization(r))![1];
    expect(tc3Authorization(base)).toContain("SignedHeaders=content-type;host;x-tc-action,");
    const variants = [
      { ...base, payload: '{"a":1}' },
      { ...base, secretKey: "other" },
      { ...base, timestamp: base.timestamp + 1 },
      { ...base, action: "SendStatus" },
      { ...base, host: "sms.example.com" },
    ].map(signature);
    expect(new Set([signature(base), ...variants]).size).toBe(6);
  });
});

describe("template mapping (domestic SMS sends approved templates with parameters, never free text)", () => {
  it("reads every template's parameters back from its rendered SMS, in the order of its first appearance", () => {
    for (const template of Object.values(TEMPLATES)) {
      const values = sampleValues(template.sms);
      const body = render(template.sms, values);
      const names = [...new Set([...template.sms.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
      expect(templateParams(template, body), template.key).toEqual(names.map((n) => values[n]));
      // the text alone names its template: no other template's SMS matches it
      expect(templateOf({ body })?.key, template.key).toBe(template.key);
    }
  });

  it("gives the text to register with the provider: numbered variables, no signature", () => {
    expect(providerTemplateText("application.submitted")).toBe(
      "您的“{1}”申请已提交，我们将在5个工作日内告知是否受理。",
    );
    expect(providerTemplateText("review.procedure-started")).toBe(
      "您的“{1}”申请需进行{2}，预计{3}个工作日，所需时间不计入审批期限。",
    );
    expect(providerTemplateText("no.such-template")).toBeUndefined();
  });

  it("finds no parameters in a text that is not the template's (another wording)", () => {
    const template = TEMPLATES["application.submitted"]!;
    expect(templateParams(template, "【北京政务服务】您的申请已提交。")).toBeUndefined();
  });

  it("refuses for good, before any request, a template with no provider template id, and logs no personal data", async () => {
    // Arrange: only application.submitted is mapped; the endpoint is never reached
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    const send = tencentSms({
      endpoint: "https://sms.invalid",
      region: "ap-beijing",
      secretId: "id",
      secretKey: () => Promise.reject(new Error("no secret needed to refuse")),
      appId: "1400000000",
      signName: "北京政务服务",
      templates: { "application.submitted": "100001" },
    });
    const template = TEMPLATES["contact.verification-code"]!;
    const body = render(template.sms, { code: "123456", minutes: 10 });
    // Act
    const refusal = await send({
      notificationId: "ntf_1",
      channel: "sms",
      to: "13812345678",
      body,
      templateKey: template.key,
      templateVersion: template.version,
    }).catch((e: unknown) => e);
    // Assert
    expect(refusal).toBeInstanceOf(PermanentDeliveryError);
    expect((refusal as Error).message).toBe("TemplateNotMapped");
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain("contact.verification-code");
    expect(logged).not.toContain("13812345678");
    expect(logged).not.toContain("123456");
    warn.mockRestore();
  });
});

describe("error classification", () => {
  it("Tencent SMS: a wrong number, an unapproved template or signature is final; throttling, outages, our key retried", () => {
    const permanent = [
      "InvalidParameterValue.IncorrectPhoneNumber",
      "FailedOperation.TemplateUnapprovedOrNotExist",
      "FailedOperation.SignatureIncorrectOrUnapproved",
      "FailedOperation.PhoneNumberInBlacklist",
      "InvalidParameterValue.TemplateParameterLengthLimit",
      "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber",
    ];
    const temporary = [
      "RequestLimitExceeded",
      "LimitExceeded.PhoneNumberThirtySecondLimit",
      "LimitExceeded.PhoneNumberDailyLimit",
      "InternalError.Timeout",
      "InternalError.RequestTimeException",
      "FailedOperation.InsufficientBalanceInSmsPackage",
      "AuthFailure.SignatureFailure",
      "SomethingNew.NeverSeen",
    ];
    expect(permanent.filter((code) => !isPermanentSmsCode(code))).toEqual([]);
    expect(temporary.filter(isPermanentSmsCode)).toEqual([]);
  });

  it("SNS/SES: InvalidParameterException is final only when it names the phone number, and says no number", () => {
    const invalidNumber = {
      name: "InvalidParameterException",
      message: "Invalid parameter: PhoneNumber Reason: +8613812345678 is not valid to publish to",
    };
    expect(awsRefusal(invalidNumber)).toBe("InvalidParameterException: PhoneNumber");
    // a region or account that cannot send SMS (the China regions, issue 23): retried, never dropped
    expect(
      awsRefusal({ name: "InvalidParameterException", message: "Invalid parameter: SMS is not supported" }),
    ).toBeUndefined();
    expect(awsRefusal({ name: "OptedOutException", message: "opted out" })).toBe("OptedOutException");
    expect(awsRefusal({ name: "MessageRejected", message: "Email address is not verified" })).toBe(
      "MessageRejected",
    );
    expect(awsRefusal({ name: "ThrottlingException", message: "Rate exceeded" })).toBeUndefined();
  });

  it("the aws provider stops at cold start in a China region, where it could send nothing", () => {
    expect(() =>
      messageProviderFrom({ provider: "aws", emailFrom: "noreply@example.gov.cn" }, "cn-north-1"),
    ).toThrow(/MESSAGE_PROVIDER=cn/);
    expect(() =>
      messageProviderFrom({ provider: "aws", emailFrom: "noreply@example.gov.cn" }, "ap-east-1"),
    ).not.toThrow();
  });
});

describe("cn provider settings", () => {
  const env = {
    SMS_SECRET_ID: "AKIDtest",
    SMS_APP_ID: "1400000000",
    SMS_SIGN_NAME: "北京政务服务",
    SMS_TEMPLATES: '{"application.submitted":"100001","application.submitted@3":"100002"}',
    SMTP_HOST: "smtp.example.gov.cn",
    SMTP_USER: "noreply@example.gov.cn",
    EMAIL_FROM: "noreply@example.gov.cn",
  };

  it("are the names shared/config/messaging.ts exports for CDK, with defaults for endpoint, region and port", () => {
    const settings = parseEnv(cnProviderSettings, env);
    expect(Object.keys(cnProviderSettings.shape).sort()).toEqual([...MESSAGING_SETTINGS.cn].sort());
    expect(MESSAGING_SECRETS.cn).toEqual([CN_SECRETS.smsSecretKey, CN_SECRETS.smtpPassword]);
    expect(settings).toMatchObject({
      SMS_ENDPOINT: "https://sms.tencentcloudapi.com",
      SMS_REGION: "ap-beijing",
      SMTP_PORT: 465,
      SMS_TEMPLATES: { "application.submitted": "100001", "application.submitted@3": "100002" },
    });
  });

  it("are what cnMessagingEnvironment makes of the deployment's context (the lead's CDK wiring)", () => {
    // Act
    const environment = cnMessagingEnvironment({
      smsSecretId: "AKIDtest",
      smsAppId: "1400000000",
      smsSignName: "北京政务服务",
      smsTemplates: { "application.submitted": "100001" },
      smtpHost: "smtp.example.gov.cn",
      smtpPort: 465,
      smtpUser: "noreply@example.gov.cn",
      emailFrom: "noreply@example.gov.cn",
    });
    // Assert
    expect(Object.keys(environment).every((name) => MESSAGING_SETTINGS.cn.includes(name))).toBe(true);
    expect(parseEnv(cnProviderSettings, environment)).toMatchObject({
      SMS_TEMPLATES: { "application.submitted": "100001" },
      SMTP_PORT: 465,
      SMS_REGION: "ap-beijing",
    });
  });

  it("stop the function at cold start when the template map is missing or not a JSON object of ids", () => {
    const { SMS_TEMPLATES: _, ...withoutMap } = env;
    expect(() => parseEnv(cnProviderSettings, withoutMap)).toThrow(/SMS_TEMPLATES/);
    expect(() => parseEnv(cnProviderSettings, { ...env, SMS_TEMPLATES: "not json" })).toThrow(
      /SMS_TEMPLATES: must be a JSON object/,
    );
    expect(() => parseEnv(cnProviderSettings, { ...env, SMS_TEMPLATES: '{"a":1}' })).toThrow(/SMS_TEMPLATES/);
  });
});

describe("the email as the SMTP relay gets it", () => {
  it("encodes a Chinese subject in RFC 2047 words and the body in base64 lines, CRLF only, no line over 78", () => {
    // Arrange
    const subject = "申请已提交：某某事项的办理（一个很长的事项名称，足以超过一个编码字的长度限制）";
    const body = "您好：\n\n您的“某某事项”申请已提交。\n\n北京市海淀区政务服务中心";
    // Act
    const mime = mimeMessage(
      { from: "noreply@example.gov.cn", to: "a@example.com", subject, body, id: "ntf_1" },
      new Date("2026-12-05T01:00:00Z"),
    );
    // Assert
    const [head, encodedBody] = mime.split("\r\n\r\n");
    expect(mime.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(mime.split("\r\n").every((line) => line.length <= 78)).toBe(true);
    const words = [...head!.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)].map((m) =>
      Buffer.from(m[1]!, "base64").toString("utf8"),
    );
    expect(words.join("")).toBe(subject);
    expect(Buffer.from(encodedBody!.replace(/\r\n/g, ""), "base64").toString("utf8")).toBe(
      body.replace(/\n/g, "\r\n"),
    );
    expect(head).toContain("Message-ID: <ntf_1@example.gov.cn>");
    expect(head).toContain("Date: Sat, 05 Dec 2026 01:00:00 +0000");
  });
});
