import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CustomResource } from "aws-cdk-lib";
import { afterAll, describe, expect, it } from "vitest";
import { VIEWER_REQUEST_CODE } from "#infra/aws/constructs/console-hosting.ts";
import { createApp } from "#infra/aws/gov-service-app.ts";
import { consoleBuild, linkStacks, logicalId, NO_BUNDLING, render } from "./synth.ts";

/**
 * The staff console's hosting in AWS (issue 18): a private bucket behind CloudFront with origin access control, the
 * console's security headers and single-page fallback, the API on the same origin, the files and a runtime config.json
 * deployed, and the user pool's PKCE client for it.
 */
const build = consoleBuild();
afterAll(() => rmSync(build, { recursive: true, force: true }));

const { app, stack } = createApp({ nag: false, context: NO_BUNDLING, consoleFiles: build });
const { resources, assembly } = linkStacks(app, stack);
const hosting = stack.console;

// CloudFormation JSON is untyped; the tests walk it as such and assert on the shape.
type Json = any;
const props = (id: string): Json => resources[id]!.Properties;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const distribution = (): Json => props(logicalId(hosting.distribution)).DistributionConfig;
const DOMAIN = `\${${logicalId(hosting.distribution)}.DomainName}`;
/** A BucketDeployment's custom resource (named after the deployment's settings, so found by its type). */
function deployment(name: "Assets" | "Entry") {
  const custom = hosting.node.findChild(name).node.children.find((c) => c instanceof CustomResource)!;
  return resources[logicalId(custom)]!;
}

describe("the console's bucket", () => {
  it("is private, encrypted, TLS-only and access-logged, with no website hosting", () => {
    const bucket = props(logicalId(hosting.bucket));
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: "AES256",
    });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logicalId(hosting.logs) });

    const policy = (
      ofType("AWS::S3::BucketPolicy").find(
        ([, r]) => JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: logicalId(hosting.bucket) }),
      )![1].Properties as Json
    ).PolicyDocument.Statement as Json[];
    const denied = policy.filter((s) => s.Effect === "Deny");
    expect(denied.map((s) => s.Condition)).toEqual(
      expect.arrayContaining([
        { Bool: { "aws:SecureTransport": "false" } },
        { NumericLessThan: { "s3:TlsVersion": 1.2 } },
      ]),
    );
    // The one thing allowed: this distribution reading objects.
    const allowed = policy.filter((s) => s.Effect === "Allow");
    expect(allowed).toHaveLength(1);
    expect(allowed[0].Principal).toEqual({ Service: "cloudfront.amazonaws.com" });
    expect(allowed[0].Action).toBe("s3:GetObject");
    expect(render(allowed[0].Condition.StringEquals["AWS:SourceArn"])).toBe(
      `arn:\${AWS::Partition}:cloudfront::\${AWS::AccountId}:distribution/\${${logicalId(hosting.distribution)}}`,
    );
  });

  it("is read by CloudFront through origin access control, never an origin access identity", () => {
    const [s3] = distribution().Origins.filter((o: Json) => o.S3OriginConfig);
    expect(s3.S3OriginConfig.OriginAccessIdentity).toBe("");
    const [, oac] = ofType("AWS::CloudFront::OriginAccessControl")[0]!;
    expect(s3.OriginAccessControlId).toEqual({
      "Fn::GetAtt": [ofType("AWS::CloudFront::OriginAccessControl")[0]![0], "Id"],
    });
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: "s3",
      SigningBehavior: "always",
      SigningProtocol: "sigv4",
    });
  });
});

describe("the distribution", () => {
  it("sends the console's security headers: its content security policy, HSTS, no framing, no sniffing", () => {
    const config = props(logicalId(hosting.headers)).ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = render(config.ContentSecurityPolicy.ContentSecurityPolicy) as string;
    const directives = Object.fromEntries(
      csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]),
    );
    expect(directives).toMatchObject({
      "default-src": "'self'",
      "script-src": "'self'",
      "style-src": "'self' 'unsafe-inline'",
      "frame-ancestors": "'none'",
      // The API is on the console's own origin; the identity provider's discovery, keys and token endpoint are not,
      // nor the materials bucket the browser uploads to (virtual-hosted, as the SDK presigns in AWS).
      "connect-src": `'self' https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix} https://\${${logicalId(stack.users!.domain)}}.auth.\${AWS::Region}.amazoncognito.com https://*.s3.\${AWS::Region}.\${AWS::URLSuffix}`,
    });
    expect(config.ContentSecurityPolicy.Override).toBe(true);
    expect(config.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 31536000,
      Override: true,
    });
    expect(config.FrameOptions).toEqual({ FrameOption: "DENY", Override: true });
    expect(config.ContentTypeOptions).toEqual({ Override: true });
    expect(config.ReferrerPolicy).toEqual({ ReferrerPolicy: "no-referrer", Override: true });
    expect(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: logicalId(hosting.headers),
    });
    expect(distribution().DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
  });

  it("falls back to index.html with a viewer-request function, and turns no error into a page", () => {
    expect(distribution().DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: "viewer-request",
        FunctionARN: { "Fn::GetAtt": [logicalId(hosting.viewerRequest), "FunctionARN"] },
      },
    ]);
    expect(props(logicalId(hosting.viewerRequest)).FunctionConfig.Runtime).toBe("cloudfront-js-2.0");
    // Custom error responses would answer the API's own 403 and 404 with the console's page.
    expect(distribution().CustomErrorResponses).toBeUndefined();
  });

  it("logs every request to the log bucket", () => {
    expect(distribution().Logging).toEqual({
      Bucket: { "Fn::GetAtt": [logicalId(hosting.logs), "RegionalDomainName"] },
      Prefix: "cloudfront/",
    });
  });

  it("serves the API under /v1/ on the same origin: every method, nothing cached, all headers but Host", () => {
    const [api] = distribution().CacheBehaviors;
    expect(api).toMatchObject({
      PathPattern: "/v1/*",
      ViewerProtocolPolicy: "https-only",
      AllowedMethods: expect.arrayContaining(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]),
      // The managed CachingDisabled and AllViewerExceptHostHeader policies.
      CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
      OriginRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
    });
    // The API's answers keep their own headers (its printable pages have a stricter policy than the console).
    expect(api.ResponseHeadersPolicyId).toBeUndefined();
    expect(api.FunctionAssociations).toBeUndefined();
    const origin = distribution().Origins.find((o: Json) => o.Id === api.TargetOriginId);
    expect(render(origin.DomainName)).toBe(
      `\${${logicalId(stack.http.api)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`,
    );
    expect(origin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: "https-only",
      OriginSSLProtocols: ["TLSv1.2"],
    });
  });
});

describe("the single-page fallback function", () => {
  const handler = new Function(`${VIEWER_REQUEST_CODE}; return handler;`)() as (event: Json) => Json;
  const viewing = (uri: string) => handler({ request: { uri, querystring: {}, headers: {} } });

  it.each([
    "/console/",
    "/console/sign-in",
    "/console/callback",
    "/console/window/win_01JSEED0000000000000000100",
  ])("answers the console's route %s with its index.html", (uri) => {
    expect(viewing(uri).uri).toBe("/console/index.html");
  });

  it.each(["/console/assets/index-abc.js", "/console/config.json", "/favicon.ico", "/elsewhere"])(
    "leaves %s as it is: a file, or nothing of the console's",
    (uri) => {
      expect(viewing(uri).uri).toBe(uri);
    },
  );

  it.each(["/", "/console"])("sends %s to the console", (uri) => {
    expect(viewing(uri)).toMatchObject({ statusCode: 302, headers: { location: { value: "/console/" } } });
  });

  it.each(["/portal/", "/portal/items/itm_01JSEED0000000000000000001", "/portal/callback"])(
    "answers the applicants' portal route %s with the portal's page (its assets are the console's)",
    (uri) => {
      expect(viewing(uri).uri).toBe("/console/portal.html");
    },
  );

  it("sends /portal to the portal", () => {
    expect(viewing("/portal")).toMatchObject({
      statusCode: 302,
      headers: { location: { value: "/portal/" } },
    });
  });
});

describe("deployment of the console", () => {
  it("copies the hashed assets as immutable and keeps old ones, for tabs opened before the deploy", () => {
    expect(deployment("Assets").Properties).toMatchObject({
      DestinationBucketName: { Ref: logicalId(hosting.bucket) },
      DestinationBucketKeyPrefix: "console/",
      Exclude: ["*"],
      Include: ["assets/*"],
      Prune: false,
      SystemMetadata: { "cache-control": "public, max-age=31536000, immutable" },
    });
  });

  it("then replaces everything else, index.html and config.json, revalidated on every load", () => {
    const entry = deployment("Entry");
    expect(entry.Properties).toMatchObject({
      DestinationBucketKeyPrefix: "console/",
      Exclude: ["assets/*"],
      Prune: true,
      SystemMetadata: { "cache-control": "no-cache" },
    });
    expect(entry.DependsOn).toEqual(expect.arrayContaining([expect.stringContaining("ConsoleAssets")]));
  });

  it("writes config.json with the API, the issuer, the console's client and the managed login", () => {
    const entry = deployment("Entry").Properties as Json;
    // The second source is config.json, with deploy-time values as markers the handler replaces.
    const asset = join(
      assembly.directory,
      `asset.${(entry.SourceObjectKeys[1] as string).replace(/\.zip$/, "")}`,
    );
    let text = readFileSync(join(asset, "config.json"), "utf8");
    for (const [marker, value] of Object.entries(entry.SourceMarkers[1] as Record<string, unknown>)) {
      text = text.split(marker).join(render(value) as string);
    }
    const origin = `https://${DOMAIN}`;
    expect(JSON.parse(text)).toEqual({
      apiUrl: origin,
      oidc: {
        authority: `https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${logicalId(stack.users!.pool)}}`,
        clientId: `\${${logicalId(hosting.client!)}}`,
        hostedUiDomain: `https://\${${logicalId(stack.users!.domain)}}.auth.\${AWS::Region}.amazoncognito.com`,
        redirectUri: `${origin}/console/callback`,
        postLogoutRedirectUri: `${origin}/console/`,
        scope: "openid profile email",
      },
      // The applicants' portal: the same identity provider, its own client and redirect URLs
      portal: {
        authority: `https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${logicalId(stack.users!.pool)}}`,
        clientId: `\${${logicalId(hosting.portalClient!)}}`,
        hostedUiDomain: `https://\${${logicalId(stack.users!.domain)}}.auth.\${AWS::Region}.amazoncognito.com`,
        redirectUri: `${origin}/portal/callback`,
        postLogoutRedirectUri: `${origin}/portal/`,
        scope: "openid profile email",
      },
    });
  });

  it("without a build, writes config.json alone and leaves the deployed files as they are", () => {
    const bare = createApp({ nag: false, context: NO_BUNDLING, consoleFiles: null });
    const linked = linkStacks(bare.app, bare.stack).resources;
    const deployments = Object.values(linked).filter((r) => r.Type === "Custom::CDKBucketDeployment");
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.Properties).toMatchObject({
      Prune: false,
      SourceObjectKeys: [expect.any(String)],
    });
  });
});

describe("the console's user pool client", () => {
  const client = (): Json => props(logicalId(hosting.client!));

  it("signs in with the authorization code flow only (PKCE in the browser), without a secret", () => {
    expect(client()).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "profile", "email"],
      SupportedIdentityProviders: ["COGNITO"],
      // No password or SRP sign-in through the API with this client id: the managed login, with its MFA, only.
      ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
    });
  });

  it("returns to the console's callback on the distribution, and to the console after sign-out", () => {
    expect(render(client().CallbackURLs)).toEqual([`https://${DOMAIN}/console/callback`]);
    expect(render(client().LogoutURLs)).toEqual([`https://${DOMAIN}/console/`]);
  });

  it("puts role and scope in its ID tokens, and lets nobody write them", () => {
    expect(client().ReadAttributes).toEqual(
      expect.arrayContaining(["custom:role", "custom:centerId", "custom:departmentId"]),
    );
    // Staff tokens never carry an applicant's verified identity.
    expect(client().ReadAttributes).not.toContain("custom:verifiedIdNumber");
    expect(client().WriteAttributes.filter((a: string) => a.startsWith("custom:"))).toEqual([]);
  });

  it("is accepted by the API's authorizer and by every HTTP function", () => {
    const [id] = ofType("AWS::ApiGatewayV2::Authorizer")[0]!;
    expect(props(id).JwtConfiguration.Audience).toContainEqual({ Ref: logicalId(hosting.client!) });
    const audiences = ofType("AWS::Lambda::Function")
      .map(([, f]) => (f.Properties.Environment as Json)?.Variables?.JWT_AUDIENCE)
      .filter(Boolean)
      .map((a) => render(a));
    expect(audiences.length).toBeGreaterThan(0);
    for (const a of audiences)
      expect((a as string).split(",")).toContain(`\${${logicalId(hosting.client!)}}`);
  });

  it("signs in on the managed login (it speaks Chinese), styled for this client", () => {
    expect(props(logicalId(stack.users!.domain))).toMatchObject({ ManagedLoginVersion: 2 });
    const [, style] = ofType("AWS::Cognito::ManagedLoginBranding")[0]!;
    expect(style.Properties).toMatchObject({
      ClientId: { Ref: logicalId(hosting.client!) },
      UseCognitoProvidedValues: true,
    });
  });

  it("has a sibling for the applicants' portal: the same flow, the portal's URLs, the verified identity read-only", () => {
    const portal = props(logicalId(hosting.portalClient!));
    expect(portal).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ["code"],
      ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
    });
    expect(render(portal.CallbackURLs)).toEqual([`https://${DOMAIN}/portal/callback`]);
    expect(render(portal.LogoutURLs)).toEqual([`https://${DOMAIN}/portal/`]);
    expect(portal.ReadAttributes).toEqual(
      expect.arrayContaining([
        "custom:role",
        "custom:verifiedIdNumber",
        "custom:verifiedName",
        "custom:organisations",
      ]),
    );
    expect(portal.WriteAttributes.filter((a: string) => a.startsWith("custom:"))).toEqual([]);
    const [id] = ofType("AWS::ApiGatewayV2::Authorizer")[0]!;
    expect(props(id).JwtConfiguration.Audience).toContainEqual({ Ref: logicalId(hosting.portalClient!) });
    const styles = ofType("AWS::Cognito::ManagedLoginBranding").map(([, r]) => r.Properties.ClientId);
    expect(styles).toContainEqual({ Ref: logicalId(hosting.portalClient!) });
  });

  it("takes the managed login's domain prefix from the context when given", () => {
    const named = createApp({
      nag: false,
      context: { ...NO_BUNDLING, cognitoDomainPrefix: "govservice-beijing" },
      consoleFiles: null,
    }).stack;
    expect(named.resolve((named.users!.domain.node.defaultChild as Json).domain)).toBe("govservice-beijing");
  });
});
