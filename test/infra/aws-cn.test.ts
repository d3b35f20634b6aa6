import { describe, expect, it } from "vitest";
import { createApp } from "#infra/aws/gov-service-app.ts";
import { model } from "#infra/manifest.ts";
import { CN_SECRETS } from "#shared/config/messaging.ts";
import { actionsOf, allStatements, linkStacks, NO_BUNDLING, render, type CfnResourceJson } from "./synth.ts";

/**
 * The China regions' target (issue 23): the same app synthesized with `target=aws-cn`, and each difference from the
 * commercial target the AWS China documentation calls for, asserted on the template CloudFormation would receive.
 */
const CN_CONTEXT = {
  ...NO_BUNDLING,
  target: "aws-cn",
  oidcIssuer: "https://ids.beijing.gov.cn/oidc",
  oidcAudience: "govservice-console,govservice-portal",
  oidcClaims: JSON.stringify({ role: "roles", roleValues: { 窗口人员: "clerk" }, centerId: "org.center" }),
  sealAlgorithm: "SM2DSA",
  consoleDomainName: "zwfw.beijing.gov.cn",
  consoleCertificate: "ASCAEXAMPLEIAMCERTIFICATEID",
  cnMessaging: JSON.stringify({
    smsSecretId: "AKIDEXAMPLE",
    smsAppId: "1400000000",
    smsSignName: "北京政务服务",
    smsTemplates: { "application.submitted": "1000001" },
    smtpHost: "smtp.beijing.gov.cn",
    smtpUser: "no-reply@zwfw.beijing.gov.cn",
  }),
  emailFrom: "no-reply@zwfw.beijing.gov.cn",
};

const cn = (() => {
  const { app, stack } = createApp({ nag: false, context: CN_CONTEXT });
  return { app, stack, ...linkStacks(app, stack) };
})();
const ofType = (type: string) => Object.entries(cn.resources).filter(([, r]) => r.Type === type);
const functions = ofType("AWS::Lambda::Function").filter(([id]) => !id.includes("CDKBucketDeployment"));
const envOf = (r: CfnResourceJson) =>
  render((r.Properties.Environment as { Variables: Record<string, unknown> }).Variables) as Record<
    string,
    string
  >;

describe("target aws-cn", () => {
  it("creates no Cognito user pool: the API trusts the external provider's RS256 tokens", () => {
    expect(ofType("AWS::Cognito::UserPool")).toEqual([]);
    expect(ofType("AWS::Cognito::UserPoolClient")).toEqual([]);
    const [[, authorizer]] = ofType("AWS::ApiGatewayV2::Authorizer") as [[string, CfnResourceJson]];
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: "JWT",
      JwtConfiguration: {
        Issuer: "https://ids.beijing.gov.cn/oidc",
        Audience: ["govservice-console", "govservice-portal"],
      },
    });
  });

  it("gives every HTTP function the provider's issuer, keys, audiences, RS256 and the claim mapping", () => {
    const http = functions.filter(([, r]) => envOf(r).JWT_ISSUER !== undefined);
    expect(http.length).toBe(model.functions.filter((f) => f.kind === "http").length);
    for (const [, r] of http)
      expect(envOf(r)).toMatchObject({
        JWT_ISSUER: "https://ids.beijing.gov.cn/oidc",
        JWT_AUDIENCE: "govservice-console,govservice-portal",
        JWKS_URL: "https://ids.beijing.gov.cn/oidc/.well-known/jwks.json",
        JWT_ALGORITHMS: "RS256",
        IDENTITY_CLAIMS: CN_CONTEXT.oidcClaims,
      });
  });

  it("turns tracing off everywhere: no active tracing, the Powertools tracer disabled, no X-Ray permission", () => {
    for (const [, r] of functions) {
      expect(r.Properties.TracingConfig).toBeUndefined();
      expect(envOf(r).POWERTOOLS_TRACE_DISABLED).toBe("true");
    }
    const xray = allStatements(cn.resources).filter((s) => actionsOf(s).some((a) => a.startsWith("xray:")));
    expect(xray).toEqual([]);
  });

  it("runs x86_64 and Node 22 by default, and arm64 or Node 24 when the context says so", () => {
    for (const [, r] of functions) {
      expect(r.Properties.Architectures).toEqual(["x86_64"]);
      expect(r.Properties.Runtime).toBe("nodejs22.x");
    }
    const { app, stack } = createApp({
      nag: false,
      context: { ...CN_CONTEXT, architecture: "arm64", nodeRuntime: "nodejs24.x" },
    });
    const { resources } = linkStacks(app, stack);
    const some = Object.values(resources).find(
      (r) => r.Type === "AWS::Lambda::Function" && String(r.Properties.Description).includes("(http, "),
    )!;
    expect(some.Properties).toMatchObject({ Architectures: ["arm64"], Runtime: "nodejs24.x" });
  });

  it("reads the hotline's secret with the SDK: no Parameters and Secrets layer, which has no arm64 build there", () => {
    const hotline = functions.filter(([, r]) => envOf(r).HOTLINE_WEBHOOK_SECRET_ARN !== undefined);
    expect(hotline.length).toBeGreaterThan(0);
    for (const [, r] of functions) {
      expect(r.Properties.Layers).toBeUndefined();
      expect(envOf(r).PARAMETERS_SECRETS_EXTENSION_HTTP_PORT).toBeUndefined();
    }
  });

  it("tags no event source mapping (not offered there) but still tags the rest", () => {
    const mappings = ofType("AWS::Lambda::EventSourceMapping");
    expect(mappings.length).toBe(model.tables.length + model.queues.length);
    for (const [, r] of mappings) expect(r.Properties.Tags).toBeUndefined();
    const [, table] = ofType("AWS::DynamoDB::Table")[0]!;
    expect(table.Properties.Tags).toEqual(
      expect.arrayContaining([{ Key: "project", Value: "govservice-centers" }]),
    );
  });

  it("seals with SM2 keys and tells the functions so", () => {
    const keys = ofType("AWS::KMS::Key").filter(([, k]) => k.Properties.KeyUsage === "SIGN_VERIFY");
    expect(keys.length).toBe(model.signingKeys.length);
    for (const [, k] of keys) expect(k.Properties).toMatchObject({ KeySpec: "SM2", KeyUsage: "SIGN_VERIFY" });
    const signing = functions.filter(([, r]) => Object.keys(envOf(r)).some((v) => v.endsWith("_KMS_KEY_ID")));
    expect(signing.length).toBeGreaterThan(0);
    for (const [, r] of signing) expect(envOf(r).SEAL_ALGORITHM).toBe("SM2DSA");
  });

  it("sends SMS and email through the domestic providers: their settings and secrets, no SNS or SES", () => {
    const sending = model.functions.filter((f) => f.settings.sends.length).map((f) => f.owner);
    const senders = functions.filter(([, r]) => envOf(r).MESSAGE_PROVIDER !== undefined);
    expect(senders.length).toBeGreaterThan(0);
    for (const [, r] of senders) {
      const env = envOf(r);
      expect(env).toMatchObject({
        MESSAGE_PROVIDER: "cn",
        SMS_SECRET_ID: "AKIDEXAMPLE",
        SMS_SIGN_NAME: "北京政务服务",
        SMS_TEMPLATES: JSON.stringify({ "application.submitted": "1000001" }),
        SMTP_HOST: "smtp.beijing.gov.cn",
        EMAIL_FROM: "no-reply@zwfw.beijing.gov.cn",
      });
      for (const secret of Object.values(CN_SECRETS)) {
        expect(env[`${secret}_ARN`]).toMatch(/^\$\{/); // a reference to the stack's secret, never a value
        expect(env[secret]).toBeUndefined();
      }
    }
    expect(new Set(sending).size).toBeGreaterThan(0);
    // The functions' own policies (the alarm topic's resource policy lets CloudWatch publish to it, as in aws).
    const policies = Object.fromEntries(ofType("AWS::IAM::Policy"));
    const aws = allStatements(policies).filter((s) =>
      actionsOf(s).some((a) => a.startsWith("sns:Publish") || a.startsWith("ses:")),
    );
    expect(aws).toEqual([]);
    expect(ofType("AWS::SecretsManager::Secret").length).toBeGreaterThanOrEqual(
      Object.values(CN_SECRETS).length,
    );
  });

  it("serves the console on its ICP-filed domain with an IAM certificate and an origin access identity", () => {
    const [[, distribution]] = ofType("AWS::CloudFront::Distribution") as [[string, CfnResourceJson]];
    const config = distribution.Properties.DistributionConfig as Record<string, unknown>;
    expect(config.Aliases).toEqual(["zwfw.beijing.gov.cn"]);
    expect(config.ViewerCertificate).toEqual({
      IamCertificateId: "ASCAEXAMPLEIAMCERTIFICATEID",
      SslSupportMethod: "sni-only",
      MinimumProtocolVersion: "TLSv1.2_2021",
    });
    expect(config.HttpVersion).toBe("http2");
    expect(ofType("AWS::CloudFront::OriginAccessControl")).toEqual([]);
    expect(ofType("AWS::CloudFront::CloudFrontOriginAccessIdentity")).toHaveLength(1);
  });

  it("tells the console where to sign in: the provider, its registered clients, the claim mapping", () => {
    expect(cn.stack.console.config).toMatchObject({
      apiUrl: "https://zwfw.beijing.gov.cn",
      oidc: {
        authority: "https://ids.beijing.gov.cn/oidc",
        clientId: "govservice-console",
        redirectUri: "https://zwfw.beijing.gov.cn/console/callback",
        claims: CN_CONTEXT.oidcClaims,
      },
      portal: { clientId: "govservice-portal" },
    });
    expect(cn.stack.console.config.oidc.hostedUiDomain).toBeUndefined();
  });

  it("finds nothing unacknowledged in cdk-nag's packs", () => {
    const { app } = createApp({ context: CN_CONTEXT });
    expect(() => app.synth()).not.toThrow();
  });
});

describe("the CDK context", () => {
  it.each([
    [{ target: "aws-cn" }, "cnMessaging is required with messageProvider cn"],
    [{ target: "aws-cn", cnMessaging: CN_CONTEXT.cnMessaging }, "oidcIssuer is required for target aws-cn"],
    [{ ...CN_CONTEXT, tracing: "true" }, "no X-Ray Lambda integration"],
    [{ ...CN_CONTEXT, consoleDomainName: undefined }, "set the domain and its certificate together"],
    [{ ...CN_CONTEXT, oidcClaims: '{"role":"a..b"}' }, "oidcClaims.role"],
    [{ ...CN_CONTEXT, cnMessaging: '{"smsAppId":"1"}' }, "cnMessaging.smsSecretId"],
    [{ cognitoDomainPrefix: "x", target: "aws-cn" }, "cognitoDomainPrefix does not apply to target aws-cn"],
    [{ architecture: "sparc" }, "CDK context architecture"],
  ])("stops synth on a wrong setting, naming it (%#)", (context, message) => {
    expect(() => createApp({ nag: false, context: { ...NO_BUNDLING, ...context } })).toThrow(message);
  });
});
