import { Annotations, Aws, Duration, RemovalPolicy, Stack, Validations, type CfnElement } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import type { CfnDistribution } from "aws-cdk-lib/aws-cloudfront";
import {
  AllowedMethods,
  CachePolicy,
  SecurityPolicyProtocol,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import type { UserPoolClient } from "aws-cdk-lib/aws-cognito";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct, type IConstruct } from "constructs";
import {
  CONSOLE_ASSETS,
  CONSOLE_CACHE_CONTROL,
  CONSOLE_PREFIX,
  consoleContentSecurityPolicy,
  PORTAL_PAGE,
  PORTAL_PREFIX,
} from "../../console-policy.ts";
import type { ConsoleConfig } from "../../../web/src/config.ts";
import type { ExternalIdentity } from "./identity.ts";
import { UserDirectory } from "./user-directory.ts";

export interface ConsoleHostingProps {
  /** The HTTP API: CloudFront serves it under /v1/ on the console's own origin. */
  readonly api: IHttpApi;
  /**
   * Who signs people in: the user pool (the console and the portal get their clients and sign in through its managed
   * login), or an external OpenID Connect provider with whom the two clients are registered (issue 23).
   */
  readonly identity: UserDirectory | ExternalIdentity;
  /**
   * The distribution's own domain (CDK context `consoleDomainName`, `consoleCertificate`). Required in the China
   * regions, where CloudFront serves no content on its default domain and only an ICP-filed one.
   * @default none: `https://<distribution>.cloudfront.net`
   */
  readonly domain?: { name: string; certificate: string };
  /**
   * `aws-cn`: the China regions' CloudFront — an origin access identity instead of origin access control (not offered
   * there), an IAM server certificate instead of ACM's, HTTP/2 (HTTP/3 is not listed there).
   * @default "aws"
   */
  readonly target?: "aws" | "aws-cn";
  /**
   * The built console (`npm run build:web` writes web/dist). Without it only config.json is deployed and the files
   * already in the bucket stay as they are: a deploy from a checkout that never built the console (CI's synth, a
   * backend-only change) neither fails nor empties the console people are using.
   * @default none
   */
  readonly files?: string;
}

/** The console's routes, as its router (web/src/router.ts) names them under the prefix. */
const CALLBACK_PATH = `${CONSOLE_PREFIX}/callback`;
const SIGNED_OUT_PATH = `${CONSOLE_PREFIX}/`;
/** The applicants' portal's (web/src/portal/router.ts). */
const PORTAL_CALLBACK_PATH = `${PORTAL_PREFIX}/callback`;
const PORTAL_SIGNED_OUT_PATH = `${PORTAL_PREFIX}/`;

/**
 * The single-page fallback, on viewer request: a path under the console that names no file (no dot in its last
 * segment: `/console/applications/app_01J…`) is the console's own route, so it gets index.html and the router takes it
 * from there. Not CloudFront's custom error responses: they apply to the whole distribution and would turn the API's
 * own 403 and 404 answers into 200 with a page. The site root and the bare prefix go to the console. Everything under
 * the portal's path is the portal's page (it has no files of its own: its assets are the console's).
 */
export const VIEWER_REQUEST_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === "/" || uri === "${CONSOLE_PREFIX}") {
    return { statusCode: 302, statusDescription: "Found", headers: { location: { value: "${CONSOLE_PREFIX}/" } } };
  }
  if (uri === "${PORTAL_PREFIX}") {
    return { statusCode: 302, statusDescription: "Found", headers: { location: { value: "${PORTAL_PREFIX}/" } } };
  }
  if (uri.indexOf("${PORTAL_PREFIX}/") === 0) {
    request.uri = "${CONSOLE_PREFIX}/${PORTAL_PAGE}";
    return request;
  }
  var last = uri.slice(uri.lastIndexOf("/") + 1);
  if (uri.indexOf("${CONSOLE_PREFIX}/") === 0 && last.indexOf(".") === -1) {
    request.uri = "${CONSOLE_PREFIX}/index.html";
  }
  return request;
}`;

/**
 * The staff console in AWS (issue 18): the files `vite build` wrote, in a private bucket that only this distribution
 * reads (origin access control), with the console's security headers and single-page fallback, and the runtime
 * `config.json` that tells the console where it signs in.
 *
 * The API is served by the same distribution under /v1/, so the console calls it on its own origin as it does under
 * `npm start`. The alternative — the API on its execute-api origin, with the console's origin allowed by CORS — cannot
 * be built in one deploy: the API's CORS would name the distribution while the console's content security policy
 * names the API, a reference cycle. On one origin neither needs to name the other.
 *
 * For the global partition: the China regions have neither origin access control (an origin access identity there)
 * nor Cognito (the city's identity platform signs in there), so a Beijing deployment needs its own variant.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  /**
   * The distribution's and the console bucket's access logs, and the services' buckets' (under `s3/<bucket id>/`):
   * the system's one log bucket, kept here because the console made it first (moving it would replace a retained bucket).
   */
  readonly logs: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  readonly viewerRequest: CloudFrontFunction;
  /** The console's origin, `https://<distribution>.cloudfront.net`. */
  readonly url: string;
  /** The console's user pool client (none with an external provider: its clients are registered there). */
  readonly client?: UserPoolClient;
  /** The applicants' portal's client (issue 19). */
  readonly portalClient?: UserPoolClient;
  /** What the console reads at start (web/src/config.ts). */
  readonly config: ConsoleConfig;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    const { identity } = props;
    const cn = props.target === "aws-cn";
    if (cn && !props.domain)
      throw new Error(
        "ConsoleHosting: the China regions' CloudFront serves only an ICP-filed domain (consoleDomainName, consoleCertificate)",
      );

    this.logs = new Bucket(this, "Logs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // CloudFront's standard logs and S3's access logs are both delivered under an ACL grant, so ACLs stay enabled.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      // As long as the API's access logs (http-api.ts): a year of who opened the console from where.
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, "Files", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: "bucket/",
      // No website hosting: only CloudFront reads the bucket, signed with origin access control.
    });

    this.viewerRequest = new CloudFrontFunction(this, "SinglePageFallback", {
      comment: "Staff console: its own routes get index.html; the site root goes to /console/",
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(VIEWER_REQUEST_CODE),
    });

    this.headers = new ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "Staff console: content security policy, HSTS, no framing, no sniffing, no referrer",
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy([
            ...identity.signInOrigins,
            // Scanned materials go from the browser straight to the materials bucket, at a presigned URL (issue 19):
            // any bucket of the region by pattern, because naming the bucket would tie this policy to the intake
            // stack whose bucket CORS names this distribution — a reference cycle. The signature, not the policy,
            // decides which bucket and key a page may write.
            `https://*.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`,
          ]),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const api = new HttpOrigin(`${props.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    this.distribution = new Distribution(this, "Distribution", {
      comment: "Staff console (/console/) and the API (/v1/) on one origin",
      defaultBehavior: {
        origin: cn
          ? S3BucketOrigin.withOriginAccessIdentity(this.bucket)
          : S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        functionAssociations: [{ function: this.viewerRequest, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // Every method, nothing cached, every header but Host (API Gateway answers only to its own name); the
        // Authorization header goes through because caching is off. No response headers policy: the API's answers
        // keep their own headers — its printable documents carry a stricter content security policy than the console.
        "/v1/*": {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
      httpVersion: cn ? HttpVersion.HTTP2 : HttpVersion.HTTP2_AND_3,
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            // In the China regions the IAM certificate is set below: the L2 takes ACM certificates only.
            ...(cn
              ? {}
              : {
                  certificate: Certificate.fromCertificateArn(this, "Certificate", props.domain.certificate),
                  minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
                }),
          }
        : {}),
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: "cloudfront/",
    });
    if (cn && props.domain)
      (this.distribution.node.defaultChild as CfnDistribution).addPropertyOverride(
        "DistributionConfig.ViewerCertificate",
        {
          IamCertificateId: props.domain.certificate,
          SslSupportMethod: "sni-only",
          MinimumProtocolVersion: "TLSv1.2_2021",
        },
      );
    acknowledgeDistribution(this.distribution, props.domain !== undefined);
    if (cn)
      Validations.of(this.distribution).acknowledge(
        {
          id: "AwsSolutions-CFR7",
          reason:
            "Origin access control is not offered in the China regions (AWS::CloudFront::OriginAccessControl is not a resource type there): an origin access identity restricts the bucket instead.",
        },
        {
          id: "AwsSolutions-CFR4",
          reason:
            "The China regions take an IAM server certificate, set with TLSv1.2_2021 by an override of ViewerCertificate that cdk-nag does not read (test/infra/aws-cn.test.ts checks it).",
        },
      );

    this.url = props.domain
      ? `https://${props.domain.name}`
      : `https://${this.distribution.distributionDomainName}`;
    let consoleClientId: string;
    let portalClientId: string;
    if (identity instanceof UserDirectory) {
      this.client = identity.addConsoleClient(this.url, {
        callback: CALLBACK_PATH,
        signedOut: SIGNED_OUT_PATH,
      });
      this.portalClient = identity.addPortalClient(this.url, {
        callback: PORTAL_CALLBACK_PATH,
        signedOut: PORTAL_SIGNED_OUT_PATH,
      });
      consoleClientId = this.client.userPoolClientId;
      portalClientId = this.portalClient.userPoolClientId;
    } else {
      consoleClientId = identity.consoleClientId;
      portalClientId = identity.portalClientId;
    }
    const oidc = (clientId: string, callback: string, signedOut: string) => ({
      authority: identity.issuer,
      clientId,
      // Cognito's managed login has its own sign-out and revocation endpoints; a standard provider names its own in
      // its discovery document.
      ...(identity instanceof UserDirectory ? { hostedUiDomain: identity.loginUrl } : {}),
      redirectUri: `${this.url}${callback}`,
      postLogoutRedirectUri: `${this.url}${signedOut}`,
      scope: identity.scope,
      ...(identity.claims ? { claims: identity.claims } : {}),
    });
    this.config = {
      apiUrl: this.url,
      oidc: oidc(consoleClientId, CALLBACK_PATH, SIGNED_OUT_PATH),
      portal: oidc(portalClientId, PORTAL_CALLBACK_PATH, PORTAL_SIGNED_OUT_PATH),
    };
    this.deploy(props.files);
  }

  /**
   * Two deployments into the console's prefix. The hashed assets first, kept when a newer build no longer has them: a
   * tab opened before the deploy still loads its pages' chunks by their old names. Then everything else — index.html
   * and config.json, revalidated on every load — replacing what the last deploy wrote, so the new index.html never
   * names an asset that is not there yet. Without a build, config.json alone, and nothing pruned.
   */
  private deploy(files: string | undefined): void {
    // The handler's own role and log group: CDK's default role carries an AWS-managed policy and its log group would
    // never expire.
    const logGroup = new LogGroup(this, "DeploymentLogs", {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(this, "DeploymentRole", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: "Copies the staff console's files into its bucket at deploy",
    });
    logGroup.grantWrite(role);
    const common = {
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${CONSOLE_PREFIX.slice(1)}/`,
      role,
      logGroup,
    };
    const config = Source.jsonData("config.json", this.config);
    const entry = { ...common, cacheControl: [CacheControl.fromString(CONSOLE_CACHE_CONTROL.entry)] };

    if (!files) {
      Annotations.of(this).addWarningV2(
        "govservice:console-not-built",
        "web/dist is not built (npm run build:web): this deploy writes the console's config.json only",
      );
      new BucketDeployment(this, "Entry", { ...entry, sources: [config], prune: false });
    } else {
      const assets = new BucketDeployment(this, "Assets", {
        ...common,
        sources: [Source.asset(files)],
        exclude: ["*"],
        include: [`${CONSOLE_ASSETS}*`],
        cacheControl: [CacheControl.fromString(CONSOLE_CACHE_CONTROL.hashed)],
        prune: false,
      });
      new BucketDeployment(this, "Entry", {
        ...entry,
        sources: [Source.asset(files), config],
        // Excluded files are neither copied nor pruned: the assets are the other deployment's.
        exclude: [`${CONSOLE_ASSETS}*`],
        prune: true,
      }).node.addDependency(assets);
    }
    acknowledgeDeployment(role, Stack.of(this).node.findChild(DEPLOYMENT_HANDLER), this.bucket);
  }
}

/**
 * The Lambda function BucketDeployment runs: one per stack, shared by every deployment with the same settings, named
 * after them (CDK's default memory here; a `memoryLimit` would rename it, and findChild would say so).
 */
export const DEPLOYMENT_HANDLER = "Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C";

function acknowledgeDistribution(distribution: Distribution, ownDomain: boolean): void {
  Validations.of(distribution).acknowledge(
    {
      id: "AwsSolutions-CFR1",
      reason:
        "Staff sign in with MFA from wherever their center sends them (outreach, travel); which countries to refuse is a deployment's policy, not the template's.",
    },
    {
      id: "AwsSolutions-CFR2",
      reason:
        "A web ACL for CloudFront must be created in us-east-1 and this stack is region-agnostic; the API keeps its stage throttling and JWT authorizer behind the distribution.",
    },
    ...(ownDomain
      ? []
      : [
          {
            id: "AwsSolutions-CFR4",
            reason:
              "The distribution uses the default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes; a custom domain brings its own certificate and TLSv1.2_2021.",
          },
        ]),
  );
}

function acknowledgeDeployment(role: Role, handler: IConstruct, bucket: Bucket): void {
  const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
  const copy = "BucketDeployment's copy (aws s3 sync) and prune need";
  Validations.of(role).acknowledge(
    ...["s3:GetObject*", "s3:GetBucket*", "s3:List*"].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${copy} ${action} on the CDK assets bucket (the zipped build) and on the console's bucket, and no more.`,
    })),
    ...["s3:DeleteObject*", "s3:Abort*"].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${copy} ${action} on the console's bucket only (it replaces and prunes what the last deploy wrote).`,
    })),
    {
      id: "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]",
      reason:
        "The zipped build and config.json are CDK assets: objects of the bootstrap assets bucket, named by hash.",
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason: "Every object of the console's bucket: the deploy writes and prunes any of them.",
    },
  );
  const customResource =
    "CDK's own custom resource handler, run by CloudFormation at deploy time only; CDK chooses and updates";
  Validations.of(handler).acknowledge(
    { id: "AwsSolutions-L1", reason: `${customResource} its runtime.` },
    { id: "Serverless-LambdaLatestVersion", reason: `${customResource} its runtime.` },
    {
      id: "Serverless-LambdaDLQ",
      reason:
        "CloudFormation invokes it synchronously and fails the deploy on an error: there is no asynchronous event to keep.",
    },
    {
      id: "Serverless-LambdaTracing",
      reason: "It runs aws s3 sync once per deploy; its log group records each run.",
    },
  );
}
