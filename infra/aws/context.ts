import * as z from "zod";
import { identityClaimsSchema } from "#shared/auth/claims.ts";
import type { CnMessagingContext } from "#shared/config/messaging.ts";
import { DEFAULT_SEAL_ALGORITHM, SEAL_ALGORITHMS, type SealAlgorithm } from "#shared/signing/signing-port.ts";

/**
 * Every CDK context key the app reads (`cdk deploy -c key=value`, or `context` in cdk.json), with its default and the
 * deployment targets it applies to. docs/deploy.md's table is generated from `CONTEXT_KEYS` (`npm run docs`), and a
 * test fails when a key is read that the table does not list — one place says what a deployer can set.
 *
 * Two targets come from one app (issue 23):
 * - `aws` (the default): the commercial regions — Cognito user pool, X-Ray, SNS SMS and SES email, arm64.
 * - `aws-cn`: the China regions (cn-north-1 Beijing, operated by Sinnet; cn-northwest-1 Ningxia, operated by NWCD),
 *   where Cognito user pools, X-Ray's Lambda integration, SNS SMS, SES and the arm64 Parameters and Secrets layer are
 *   not offered: an external OpenID Connect provider (the city's unified identity platform), no tracing, SMS and email
 *   through domestic providers, secrets read with the SDK, no tags on event source mappings.
 */
export const TARGETS = ["aws", "aws-cn"] as const;
export type Target = (typeof TARGETS)[number];

export interface ContextKey {
  key: string;
  /** The default, as a deployer reads it ("—" for none); per target where they differ. */
  defaults: Partial<Record<Target, string>>;
  targets: readonly Target[];
  description: string;
}

const BOTH: readonly Target[] = TARGETS;
const CN: readonly Target[] = ["aws-cn"];
const AWS: readonly Target[] = ["aws"];

export const CONTEXT_KEYS: readonly ContextKey[] = [
  {
    key: "target",
    defaults: { aws: "aws", "aws-cn": "aws" },
    targets: BOTH,
    description:
      "`aws` for the commercial regions, `aws-cn` for the China regions (cn-north-1, cn-northwest-1): see the " +
      "targets' differences below.",
  },
  {
    key: "architecture",
    defaults: { aws: "arm64", "aws-cn": "x86_64" },
    targets: BOTH,
    description:
      "`arm64` or `x86_64` for every function. x86_64 by default in the China regions: the arm64 Lambda " +
      "extensions and layers are not all offered there; set `arm64` where the account's region confirms it.",
  },
  {
    key: "nodeRuntime",
    defaults: { aws: "nodejs24.x", "aws-cn": "nodejs22.x" },
    targets: BOTH,
    description:
      "The Lambda runtime, `nodejs24.x` or `nodejs22.x` (bundles target its Node version). Node 22 by default in " +
      "the China regions until the account confirms Node 24 there.",
  },
  {
    key: "tracing",
    defaults: { aws: "true", "aws-cn": "false (cannot be turned on)" },
    targets: BOTH,
    description:
      "X-Ray active tracing of every function. The China regions have no X-Ray Lambda integration: off, with the " +
      "Powertools tracer disabled and no X-Ray permissions.",
  },
  {
    key: "cognitoDomainPrefix",
    defaults: { aws: "the stack's name and the first group of its stack id" },
    targets: AWS,
    description:
      "The Cognito managed login's domain prefix (`https://<prefix>.auth.<region>.amazoncognito.com`).",
  },
  {
    key: "oidcIssuer",
    defaults: { "aws-cn": "— (required)" },
    targets: CN,
    description:
      "The external OpenID Connect provider's issuer (`iss` of its tokens), e.g. the city's unified identity " +
      "platform. Its tokens must be RS256: API Gateway's JWT authorizer accepts RSA keys only.",
  },
  {
    key: "oidcJwksUrl",
    defaults: { "aws-cn": "<oidcIssuer>/.well-known/jwks.json" },
    targets: CN,
    description: "Where the provider publishes its signing keys (the `jwks_uri` of its discovery document).",
  },
  {
    key: "oidcAudience",
    defaults: { "aws-cn": "— (required)" },
    targets: CN,
    description:
      "The client ids registered with the provider whose ID tokens the API accepts (`aud`), comma-separated; the " +
      "first is the staff console's, the second (if any) the applicants' portal's.",
  },
  {
    key: "oidcClaims",
    defaults: {
      aws: "Cognito's `custom:` attributes",
      "aws-cn": "plain claims named as the principal's fields",
    },
    targets: BOTH,
    description:
      "Which claims carry the principal's role, center, department and verified identity, as JSON " +
      "(shared/auth/claims.ts, `IDENTITY_CLAIMS`): configuration, not code.",
  },
  {
    key: "sealAlgorithm",
    defaults: { aws: "ECDSA_SHA_256", "aws-cn": "ECDSA_SHA_256" },
    targets: BOTH,
    description:
      "How sealed documents are signed: `ECDSA_SHA_256` (a KMS ECC_NIST_P256 key) or `SM2DSA` — SM2 with SM3, the " +
      "national algorithm for electronic seals (GB/T 38540), a KMS SM2 key, offered in the China regions.",
  },
  {
    key: "emailFrom",
    defaults: { aws: "no-reply@govservice.example", "aws-cn": "no-reply@govservice.example" },
    targets: BOTH,
    description:
      "The sender of emails: an SES-verified identity (`aws`), or the SMTP account's address (`aws-cn`).",
  },
  {
    key: "smsSenderId",
    defaults: { aws: "—" },
    targets: AWS,
    description: "An SNS SMS sender id, where the destination requires one.",
  },
  {
    key: "messageProvider",
    defaults: { aws: "aws", "aws-cn": "cn" },
    targets: BOTH,
    description:
      "Where SMS and email go: `aws` (SNS and SES) or `cn` (a domestic SMS service and SMTP; their settings and " +
      "secrets in docs/deploy.md). SNS sends no SMS and SES is not offered in the China regions.",
  },
  {
    key: "cnMessaging",
    defaults: { aws: "— (required with messageProvider cn)", "aws-cn": "— (required)" },
    targets: BOTH,
    description:
      "The `cn` provider's settings as JSON: `smsSecretId`, `smsAppId`, `smsSignName`, `smsTemplates` (template key " +
      "→ approved template id), `smtpHost`, `smtpUser`, and optionally `smsEndpoint`, `smsRegion`, `smtpPort`, " +
      "`smtpCa` (shared/config/messaging.ts). The two secrets (SMS_SECRET_KEY, SMTP_PASSWORD) are created empty by " +
      "the stack for operators to fill.",
  },
  {
    key: "hotlineCallbackUrl",
    defaults: { aws: "https://hotline.invalid/callbacks", "aws-cn": "https://hotline.invalid/callbacks" },
    targets: BOTH,
    description: "Where the 12345 hotline takes work-order callbacks (HOTLINE_CALLBACK_URL).",
  },
  {
    key: "alarmEmail",
    defaults: { aws: "—", "aws-cn": "—" },
    targets: BOTH,
    description: "Subscribed by email to the alarm topic.",
  },
  {
    key: "corsAllowOrigins",
    defaults: { aws: "the console's own origin", "aws-cn": "the console's own origin" },
    targets: BOTH,
    description: "Further browser origins allowed by CORS, comma-separated.",
  },
  {
    key: "apiDomainName",
    defaults: {
      aws: "— (the execute-api URL, and /v1/ on the console's domain)",
      "aws-cn": "— (/v1/ on the console's filed domain)",
    },
    targets: BOTH,
    description:
      "A domain of the API's own. In the China regions the execute-api URL is not reachable from the internet; " +
      "the console's distribution serves the API under /v1/ on its ICP-filed domain (public routes and the 12345 " +
      "webhooks included), so this is for callers that need a name of the API's own.",
  },
  {
    key: "apiCertificateArn",
    defaults: { aws: "—", "aws-cn": "—" },
    targets: BOTH,
    description: "The ACM certificate of `apiDomainName`, in the stack's region.",
  },
  {
    key: "consoleDomainName",
    defaults: { aws: "— (the CloudFront domain)", "aws-cn": "— (required: synth stops without it)" },
    targets: BOTH,
    description:
      "A custom domain for the console and portal's distribution; in the China regions CloudFront serves only an " +
      "ICP-filed domain.",
  },
  {
    key: "consoleCertificate",
    defaults: { aws: "—", "aws-cn": "—" },
    targets: BOTH,
    description:
      "The certificate of `consoleDomainName`: an ACM certificate ARN in us-east-1 (`aws`), or an IAM server " +
      "certificate id (`aws-cn`, where CloudFront takes IAM certificates).",
  },
  {
    key: "omitIndexes",
    defaults: { aws: "none", "aws-cn": "none" },
    targets: BOTH,
    description:
      "Indexes left out of this deploy, `<service>/<index>` comma-separated: the first of the two deploys that " +
      "change an index's projection (docs/upgrading.md).",
  },
  {
    key: "pausedConsumers",
    defaults: { aws: "none", "aws-cn": "none" },
    targets: BOTH,
    description:
      "Services whose queue consumers are deployed disabled, comma-separated: their queues keep what arrives " +
      "while a data migration runs (the split of supervision, docs/upgrading.md); the next deploy without it " +
      "enables them.",
  },
  {
    key: "projectAll",
    defaults: { aws: "none", "aws-cn": "none" },
    targets: BOTH,
    description:
      "Indexes kept with every attribute projected while another index of their table is replaced " +
      "(docs/upgrading.md).",
  },
];

/** A comma-separated context value as a list (a JSON list from cdk.json is taken as it is). */
const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (typeof v === "string" ? v.split(",") : v).map((i) => i.trim()).filter((i) => i.length > 0),
  );
/** `-c key=true` arrives as a string, cdk.json's `true` as a boolean. */
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);
/** JSON in a string (`-c oidcClaims='{"role":"roles"}'`) or an object from cdk.json, kept as its JSON text. */
const json = z.union([z.string(), z.record(z.string(), z.unknown())]).transform((v, ctx) => {
  if (typeof v !== "string") return JSON.stringify(v);
  try {
    JSON.parse(v);
    return v;
  } catch {
    ctx.addIssue({ code: "custom", message: "not JSON" });
    return z.NEVER;
  }
});

const contextSchema = z.object({
  target: z.enum(TARGETS).optional(),
  architecture: z.enum(["arm64", "x86_64"]).optional(),
  nodeRuntime: z.enum(["nodejs24.x", "nodejs22.x"]).optional(),
  tracing: flag.optional(),
  cognitoDomainPrefix: z.string().min(1).optional(),
  oidcIssuer: z.url().optional(),
  oidcJwksUrl: z.url().optional(),
  oidcAudience: list.optional(),
  oidcClaims: json.optional(),
  sealAlgorithm: z.enum(SEAL_ALGORITHMS).optional(),
  emailFrom: z.email().optional(),
  smsSenderId: z.string().min(1).optional(),
  messageProvider: z.enum(["aws", "cn"]).optional(),
  cnMessaging: json.optional(),
  hotlineCallbackUrl: z.url().optional(),
  alarmEmail: z.email().optional(),
  corsAllowOrigins: list.optional(),
  apiDomainName: z.string().min(1).optional(),
  apiCertificateArn: z.string().startsWith("arn:").optional(),
  consoleDomainName: z.string().min(1).optional(),
  consoleCertificate: z.string().min(1).optional(),
  omitIndexes: list.optional(),
  projectAll: list.optional(),
  pausedConsumers: list.optional(),
});

/** The `cn` message provider's settings (shared/config/messaging.ts), as the context gives them. */
const cnMessagingSchema = z.strictObject({
  smsSecretId: z.string().min(1),
  smsAppId: z.string().min(1),
  smsSignName: z.string().min(1),
  smsTemplates: z.record(z.string().min(1), z.string().min(1)),
  smsEndpoint: z.url().optional(),
  smsRegion: z.string().min(1).optional(),
  smtpHost: z.string().min(1),
  smtpPort: z.number().int().min(1).max(65535).optional(),
  smtpUser: z.string().min(1),
  smtpCa: z.string().min(1).optional(),
});

/** Who signs users in: the stack's own Cognito user pool, or an external OpenID Connect provider. */
export type IdentityContext =
  | { kind: "cognito"; domainPrefix?: string; claims?: string }
  | { kind: "oidc"; issuer: string; jwksUrl: string; audience: string[]; claims?: string };

export interface DeployContext {
  target: Target;
  architecture: "arm64" | "x86_64";
  nodeRuntime: "nodejs24.x" | "nodejs22.x";
  tracing: boolean;
  identity: IdentityContext;
  sealAlgorithm: SealAlgorithm;
  messaging: {
    provider: "aws" | "cn";
    emailFrom: string;
    smsSenderId?: string;
    /** The `cn` provider's settings (with provider `cn` only). */
    cn?: CnMessagingContext;
  };
  hotlineCallbackUrl: string;
  alarmEmail?: string;
  corsAllowOrigins?: string[];
  apiDomain?: { name: string; certificateArn: string };
  consoleDomain?: { name: string; certificate: string };
  omitIndexes?: string[];
  projectAll?: string[];
  pausedConsumers?: string[];
}

export class ContextError extends Error {
  override name = "ContextError";
}

/**
 * The deployment's settings from the CDK context, checked: a value of the wrong shape, or a key that does not apply to
 * the target, stops synth with the key named — never a template that fails half-way through a deploy.
 */
export function readDeployContext(get: (key: string) => unknown): DeployContext {
  const raw = Object.fromEntries(
    CONTEXT_KEYS.map((k) => [k.key, get(k.key)]).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ContextError(`CDK context ${issue.path.join(".")}: ${issue.message}`);
  }
  const c = parsed.data;
  const target = c.target ?? "aws";
  for (const key of Object.keys(raw)) {
    const known = CONTEXT_KEYS.find((k) => k.key === key)!;
    if (!known.targets.includes(target))
      throw new ContextError(`CDK context ${key} does not apply to target ${target}`);
  }
  const cn = target === "aws-cn";
  if (cn && c.tracing === true)
    throw new ContextError("CDK context tracing: the China regions have no X-Ray Lambda integration");
  const pair = <T>(name: string, a: string | undefined, b: string | undefined, make: () => T) => {
    if ((a === undefined) !== (b === undefined))
      throw new ContextError(`CDK context ${name}: set the domain and its certificate together`);
    return a === undefined ? undefined : make();
  };
  const provider = c.messageProvider ?? (cn ? "cn" : "aws");
  const emailFrom = c.emailFrom ?? "no-reply@govservice.example";
  let cnMessaging: CnMessagingContext | undefined;
  if (provider === "cn") {
    if (!c.cnMessaging) throw new ContextError("CDK context cnMessaging is required with messageProvider cn");
    const settings = cnMessagingSchema.safeParse(JSON.parse(c.cnMessaging));
    if (!settings.success) {
      const issue = settings.error.issues[0]!;
      throw new ContextError(`CDK context cnMessaging.${issue.path.join(".")}: ${issue.message}`);
    }
    cnMessaging = { ...settings.data, emailFrom };
  } else if (c.cnMessaging)
    throw new ContextError("CDK context cnMessaging applies to messageProvider cn only");
  if (c.oidcClaims) {
    const mapping = identityClaimsSchema.safeParse(JSON.parse(c.oidcClaims));
    if (!mapping.success) {
      const issue = mapping.error.issues[0]!;
      throw new ContextError(`CDK context oidcClaims.${issue.path.join(".")}: ${issue.message}`);
    }
  }
  let identity: IdentityContext;
  if (cn) {
    if (!c.oidcIssuer) throw new ContextError("CDK context oidcIssuer is required for target aws-cn");
    if (!c.oidcAudience?.length)
      throw new ContextError("CDK context oidcAudience is required for target aws-cn");
    identity = {
      kind: "oidc",
      issuer: c.oidcIssuer,
      jwksUrl: c.oidcJwksUrl ?? `${c.oidcIssuer.replace(/\/$/, "")}/.well-known/jwks.json`,
      audience: c.oidcAudience,
      ...(c.oidcClaims ? { claims: c.oidcClaims } : {}),
    };
  } else {
    identity = {
      kind: "cognito",
      ...(c.cognitoDomainPrefix ? { domainPrefix: c.cognitoDomainPrefix } : {}),
      ...(c.oidcClaims ? { claims: c.oidcClaims } : {}),
    };
  }
  return {
    target,
    architecture: c.architecture ?? (cn ? "x86_64" : "arm64"),
    nodeRuntime: c.nodeRuntime ?? (cn ? "nodejs22.x" : "nodejs24.x"),
    tracing: cn ? false : (c.tracing ?? true),
    identity,
    sealAlgorithm: c.sealAlgorithm ?? DEFAULT_SEAL_ALGORITHM,
    messaging: {
      provider,
      emailFrom,
      ...(c.smsSenderId ? { smsSenderId: c.smsSenderId } : {}),
      ...(cnMessaging ? { cn: cnMessaging } : {}),
    },
    hotlineCallbackUrl: c.hotlineCallbackUrl ?? "https://hotline.invalid/callbacks",
    ...(c.alarmEmail ? { alarmEmail: c.alarmEmail } : {}),
    ...(c.corsAllowOrigins ? { corsAllowOrigins: c.corsAllowOrigins } : {}),
    apiDomain: pair("apiDomainName", c.apiDomainName, c.apiCertificateArn, () => ({
      name: c.apiDomainName!,
      certificateArn: c.apiCertificateArn!,
    })),
    consoleDomain: pair("consoleDomainName", c.consoleDomainName, c.consoleCertificate, () => ({
      name: c.consoleDomainName!,
      certificate: c.consoleCertificate!,
    })),
    ...(c.omitIndexes ? { omitIndexes: c.omitIndexes } : {}),
    ...(c.projectAll ? { projectAll: c.projectAll } : {}),
    ...(c.pausedConsumers ? { pausedConsumers: c.pausedConsumers } : {}),
  };
}

/**
 * Tags on every taggable resource, but not on Lambda event source mappings in the China regions, where their tags are
 * listed as not offered (a tag there fails the mapping's creation).
 */
export function tagsFor(target: Target): { excludeResourceTypes?: string[] } {
  return target === "aws-cn" ? { excludeResourceTypes: ["AWS::Lambda::EventSourceMapping"] } : {};
}
