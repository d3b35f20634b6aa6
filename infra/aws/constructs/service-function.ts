import { fileURLToPath } from "node:url";
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  Architecture,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsVersions,
  Runtime,
  Tracing,
} from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { BuildOptions } from "esbuild";
import type { FunctionKind, FunctionModel } from "#infra/manifest.ts";

/**
 * Bundles are CommonJS (the sources and the packages stay ES modules, so esbuild still tree-shakes them; nothing
 * here uses top-level await or import.meta). Measured on review's claim-task (issue 21): an ES module bundle
 * imports Node's built-ins as ES modules, and Node builds each one's module namespace by reading every export —
 * `node:http`'s lazy `WebSocket` and `EventSource` getters load undici, `node:crypto`'s `webcrypto`, and so on —
 * 96 ms of CPU to initialize against 80 ms for the same code as CommonJS, whose `require` reads only what is used.
 */
const BUNDLE_FORMAT = "cjs" as const;

/**
 * Modules the bundle swaps for smaller ones that do what a Lambda function needs of them (issue 21): the SDK's default
 * credential chain for the environment's credentials (shared/aws/env-credentials.ts). The bench bundles with the same
 * aliases (test/bench/bundles.bench.ts).
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  "@aws-sdk/credential-provider-node": "./shared/aws/env-credentials.ts",
};

/**
 * Packages only the local runtime loads, left out of the functions' bundles (about 120 KiB of every function holding a
 * signing key): the software SM2 and P-256 signers of shared/signing/local-seal-ports.ts and sm2.ts, imported at their
 * first signature — in AWS KMS signs and verifies, so no function ever reaches that import (issue 23).
 */
const LOCAL_ONLY_MODULES = ["sm-crypto-v2", "@noble/curves", "@noble/curves/*"];

/**
 * esbuild's options for a function's bundle, as CDK's bundling below passes them, for the tools that build the same
 * bundle outside CDK: the bench (test/bench/bundles.bench.ts) and `npm run symbolicate` (scripts/symbolicate.ts).
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: "node",
  format: BUNDLE_FORMAT,
  target: "node24",
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ["module", "main"],
  alias: BUNDLE_ALIASES,
  external: LOCAL_ONLY_MODULES,
} satisfies BuildOptions;

/** The repository root: entries in the manifest are relative to it, and it holds the one package-lock.json. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * What every function of a deployment runs on, from its target (infra/aws/context.ts, issue 23). The China regions
 * have no X-Ray Lambda integration and the Parameters and Secrets layer for x86_64 only, and whether arm64 and Node 24
 * are offered there is a context switch.
 */
export interface FunctionPlatform {
  readonly architecture: "arm64" | "x86_64";
  readonly nodeRuntime: "nodejs24.x" | "nodejs22.x";
  /** X-Ray active tracing, and its two `*` permissions. */
  readonly tracing: boolean;
  /**
   * Secrets through the Parameters and Secrets extension's layer; without it shared/config/secrets.ts reads them with
   * the SDK (it tells the two apart by the variables the layer adds).
   */
  readonly secretsLayer: boolean;
}

/** The commercial regions' platform: arm64 (cheaper per GB-second), Node 24, tracing, the extension's layer. */
export const AWS_PLATFORM: FunctionPlatform = {
  architecture: "arm64",
  nodeRuntime: "nodejs24.x",
  tracing: true,
  secretsLayer: true,
};

export function platformOf(context: {
  target: "aws" | "aws-cn";
  architecture: FunctionPlatform["architecture"];
  nodeRuntime: FunctionPlatform["nodeRuntime"];
  tracing: boolean;
}): FunctionPlatform {
  return {
    architecture: context.architecture,
    nodeRuntime: context.nodeRuntime,
    tracing: context.tracing,
    // The China regions' layer map has no arm64 entry (Fn::FindInMap fails and the stack rolls back); the SDK works
    // on either architecture, so it is the one path there.
    secretsLayer: context.target === "aws",
  };
}

export interface ServiceFunctionProps {
  /** The function as the manifest declares it: entry, memory, timeout. */
  readonly model: FunctionModel;
  /** From `environmentFor(model, resolved)`; the handler validates it with zod when its module loads. */
  readonly environment: Record<string, string>;
  /**
   * Government records are audited, so logs outlive the usual 30 days.
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: RetentionDays;
  /** Only for asynchronously invoked (scheduled) functions: where an invocation goes after Lambda's own retries. */
  readonly deadLetterQueue?: IQueue;
  /** @default AWS_PLATFORM */
  readonly platform?: FunctionPlatform;
}

/**
 * Why a function has no Lambda dead-letter queue: only asynchronous invocations can reach one, and these kinds are
 * invoked synchronously — their failures land where the reason says.
 */
const noDlqReason: Record<Exclude<FunctionKind, "schedule">, string> = {
  http: "Invoked synchronously by API Gateway: the caller receives the error (problem+json), so an async DLQ would never receive anything.",
  consumer:
    "Invoked synchronously by an SQS event source mapping: failed messages go to the queue's own DLQ after maxReceiveCount receives.",
  publisher:
    "Invoked synchronously by a DynamoDB stream event source mapping: failed records go to the stream DLQ (OnFailure destination).",
};

/**
 * The base function every handler runs in. Defaults, and why:
 * - Node.js 24 on arm64 (cheaper per GB-second); the bundle targets node24, the runtime the project runs, tests and
 *   measures on locally too (the `node` package in devDependencies: every npm script runs on it).
 * - One CommonJS bundle built by the local esbuild (never Docker) with `BUNDLE_OPTIONS`; the AWS SDK v3 is bundled
 *   (below: the version the tests ran, and a faster init).
 * - Source maps shipped beside the code but not parsed at run time: `npm run symbolicate` maps a logged trace.
 * - X-Ray active tracing: Lambda records each invocation's segment and the SDK passes the trace header on, so a
 *   request's trace joins up across functions; no tracing SDK in the bundle, so no per-call subsegments (`tracer` in
 *   shared/observability.ts).
 * - Its own log group with a retention, and its own role that may write only to that log group — instead of the
 *   AWS-managed basic execution role, whose logs permissions cover every log group in the account.
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { model } = props;
    const platform = props.platform ?? AWS_PLATFORM;
    const secretsLayer = platform.secretsLayer && model.settings.integrations.length > 0;

    this.logGroup = new LogGroup(this, "Logs", {
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${model.id}`,
    });
    this.logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, "Function", {
      description: `${model.id} (${model.kind}, ${model.entry})`,
      entry: `${REPO_ROOT}${model.entry}`,
      handler: "handler",
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: platform.nodeRuntime === "nodejs24.x" ? Runtime.NODEJS_24_X : Runtime.NODEJS_22_X,
      architecture: platform.architecture === "arm64" ? Architecture.ARM_64 : Architecture.X86_64,
      memorySize: model.settings.memoryMb,
      timeout: Duration.seconds(model.settings.timeoutSeconds),
      tracing: platform.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      logGroup: this.logGroup,
      role,
      deadLetterQueue: props.deadLetterQueue,
      // Functions that talk to an outside system read its secret through the AWS Parameters and Secrets extension
      // (shared/config/secrets.ts): no SDK call on the invocation's path, and the value is cached outside the handler.
      ...(secretsLayer
        ? { paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103) }
        : {}),
      // No NODE_OPTIONS=--enable-source-maps: Node would parse the bundle's map at every cold start (about 20 ms of
      // submit-application's 125 ms of CPU, issue 21) and map every stack trace an error builds. The map ships in the
      // asset beside index.js, and `npm run symbolicate -- <function>` turns a logged stack trace back into sources.
      // Without tracing, Powertools is told so too (the logger then adds no trace id to its records).
      environment: platform.tracing
        ? props.environment
        : { ...props.environment, POWERTOOLS_TRACE_DISABLED: "true" },
      bundling: {
        // BUNDLE_OPTIONS, which the bench and `npm run symbolicate` build with too: the same bundle everywhere.
        format: OutputFormat.CJS,
        // The runtime's Node version: esbuild leaves syntax that version runs as it is.
        target: platform.nodeRuntime === "nodejs24.x" ? BUNDLE_OPTIONS.target : "node22",
        minify: BUNDLE_OPTIONS.minify,
        sourceMap: BUNDLE_OPTIONS.sourcemap,
        // Symbolication only needs the mappings; the sources themselves would double the upload.
        sourcesContent: BUNDLE_OPTIONS.sourcesContent,
        mainFields: BUNDLE_OPTIONS.mainFields,
        esbuildArgs: { "--alias": Object.entries(BUNDLE_OPTIONS.alias).map(([from, to]) => `${from}=${to}`) },
        // The AWS SDK is bundled, not taken from the runtime: the function runs the SDK version of package-lock.json
        // that the tests ran against, and loading one minified bundle is faster than the runtime's CommonJS packages
        // file by file (npm run bench: submit-application's init 272 → 155 ms, its bundle 417 → 755 KiB).
        externalModules: BUNDLE_OPTIONS.external,
        forceDockerBundling: false,
      },
    });

    if (model.kind !== "schedule") {
      Validations.of(this).acknowledge({ id: "Serverless-LambdaDLQ", reason: noDlqReason[model.kind] });
    }
    // test/infra checks that `*` resources carry only these actions, so this acknowledgement cannot hide a new one.
    const unscoped = [
      ...(platform.tracing
        ? ["xray:PutTraceSegments and xray:PutTelemetryRecords (added by Tracing.ACTIVE)"]
        : []),
      ...(model.kind === "publisher" ? ["dynamodb:ListStreams (added by the stream event source)"] : []),
    ];
    if (unscoped.length)
      Validations.of(role).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason: `${unscoped.join(" and ")} do not support resource-level permissions.`,
      });
    if (platform.nodeRuntime !== AWS_PLATFORM.nodeRuntime) {
      const reason =
        "The deployment chose an earlier runtime (CDK context nodeRuntime): Node 24 is not confirmed in its regions (issue 23).";
      Validations.of(this).acknowledge(
        { id: "AwsSolutions-L1", reason },
        { id: "Serverless-LambdaLatestVersion", reason },
      );
    }
    if (!platform.tracing)
      Validations.of(this).acknowledge({
        id: "Serverless-LambdaTracing",
        reason: "The China regions have no X-Ray Lambda integration (target aws-cn, issue 23).",
      });
  }
}
