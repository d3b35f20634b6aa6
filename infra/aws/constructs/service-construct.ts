import { Aws, Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  type CfnTable,
} from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq, SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Key, KeySpec, KeyUsage } from "aws-cdk-lib/aws-kms";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  type CfnBucket,
  type IBucket,
} from "aws-cdk-lib/aws-s3";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { eventStreamFilter } from "#shared/events/envelope.ts";
import type { ServiceName } from "#shared/manifest/naming.ts";
import { DEFAULTS, type Integration, type ScheduleExpression } from "#shared/manifest/types.ts";
import {
  bucketAccessFor,
  signingAccessFor,
  type BucketAccess,
  type BucketModel,
  type FunctionModel,
  type Model,
  type QueueModel,
  type ScheduleModel,
  type SigningKeyModel,
  type TableModel,
} from "#infra/manifest.ts";
import { DEFAULT_SEAL_ALGORITHM, SEAL_KEY_SPECS, type SealAlgorithm } from "#shared/signing/signing-port.ts";
import { BROWSER_CORS } from "../../bucket-cors.ts";
import { DeadLetterQueue } from "./queues.ts";
import type { ServiceFunction } from "./service-function.ts";

export interface ServiceConstructProps {
  readonly model: Model;
  readonly table: TableModel;
  /** The SES-verified address email comes from: its domain is the identity `ses:SendEmail` is granted on. */
  readonly emailFrom?: string;
  /**
   * How sealed documents are signed (CDK context `sealAlgorithm`): `ECDSA_SHA_256` on an ECC_NIST_P256 key, or
   * `SM2DSA` — SM2 with SM3 under GB/T 38540 — on an SM2 key, which KMS offers in the China regions (issue 23).
   * @default "ECDSA_SHA_256"
   */
  readonly sealAlgorithm?: SealAlgorithm;
  /**
   * Where the sending functions' messages go: `aws` (SNS and SES, granted here) or `cn` — a domestic SMS service
   * and SMTP, reached over the internet with the secrets named here, created in this construct for the operators to
   * fill and readable by the sending functions only (issue 23).
   * @default { provider: "aws" }
   */
  readonly messaging?: { provider: "aws" | "cn"; secrets?: readonly string[] };
  /**
   * The web front ends' origins (`https://<console distribution>`, and the CORS origins the API allows): a bucket
   * declared `browserAccess` allows presigned uploads and downloads from them.
   * @default none
   */
  readonly browserOrigins?: readonly string[];
  /** Where the buckets' server access logs go (the console's log bucket, in the root stack), under `s3/<bucket id>/`. */
  readonly accessLogs?: IBucket;
  /**
   * Indexes of the table left out (by name), for one deploy: a changed projection is a removal and then an addition,
   * in two deploys (docs/upgrading.md); the code works with either projection, not without the index.
   * @default none
   */
  readonly omitIndexes?: readonly string[];
  /**
   * The queues' event source mappings created disabled: the queues keep what arrives (up to their retention) while a
   * data migration fills the table, and a deploy without it starts the consumers (docs/upgrading.md).
   * @default false
   */
  readonly consumersPaused?: boolean;
  /**
   * Indexes declared with every attribute projected whatever the manifest says, for the deploys in between: an index
   * whose projection changed keeps its old one (ALL) while another of the table's indexes is removed and added —
   * CloudFormation takes one index removal or addition per table and update.
   * @default none
   */
  readonly projectAll?: readonly string[];
}

/**
 * The object actions each BucketAccess grants — and so the most a presigned URL the function signs can do. Writers
 * upload (PutObject, and PutObjectTagging because an upload carries its `attached=false` tag), read, and retag what
 * they keep; HeadObject with `ChecksumMode` needs only GetObject, so GetObjectAttributes (which on a versioned bucket
 * would take the version actions too) is not needed to check an upload's size and SHA-256.
 */
export const BUCKET_ACTIONS: Record<BucketAccess, readonly string[]> = {
  none: [],
  read: ["s3:GetObject"],
  write: ["s3:GetObject", "s3:GetObjectTagging", "s3:PutObject", "s3:PutObjectTagging"],
};

export interface ServiceWiring {
  /** The one function built for one of this service's FunctionModels. */
  functionFor(fn: FunctionModel): ServiceFunction;
  /**
   * Any service's inbound queue (they all live in the messaging stack): this service's consumers read their own, its
   * publisher sends to the queues of the services that subscribe to it.
   */
  queueFor(queueId: string): IQueue;
}

/**
 * One service's own resources, as its manifest entry declares them: its table and stream, its signing keys and its
 * schedules. Built in two steps because every function's environment names the table and keys: the constructor makes
 * the data resources, `connect` wires the functions (made in between) to them and to the queues.
 */
export class ServiceConstruct extends Construct {
  readonly service: ServiceName;
  readonly table: Table;
  /** Where stream records go once the publisher's retries are exhausted. */
  readonly streamDlq: DeadLetterQueue;
  /** The service's asymmetric signing keys, by the name its manifest entry declares (`seal`). */
  readonly signingKeys: ReadonlyMap<string, Key>;
  /** The service's buckets, by the name its manifest entry declares (`materials`). */
  readonly buckets: ReadonlyMap<string, Bucket>;
  /** The secrets of the outside systems this service's functions talk to (the 12345 hotline's webhook secret). */
  readonly integrationSecrets: ReadonlyMap<Integration, Secret>;
  /** The message provider's secrets by name (provider `cn` and a service that sends), empty otherwise. */
  readonly messagingSecrets: ReadonlyMap<string, Secret>;
  private readonly schedules: readonly ScheduleModel[];
  private readonly scheduleDlqs = new Map<string, DeadLetterQueue>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ServiceConstructProps,
  ) {
    super(scope, id);
    const { model, table } = props;
    this.service = table.service;

    // Table, not TableV2: one AWS::DynamoDB::Table per service is exactly what infra/local creates with CreateTable,
    // no replica region is planned, and cdk-nag's DynamoDB rules (DDB3: PITR) inspect AWS::DynamoDB::Table only —
    // a GlobalTable would pass them unchecked.
    this.table = new Table(this, "Table", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      sortKey: { name: "sk", type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: true,
      timeToLiveAttribute: "ttl",
      // The event items are the audit record (DESIGN.md): a stack deletion must never take them along.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const omitted = new Set(props.omitIndexes ?? []);
    const projectAll = new Set(props.projectAll ?? []);
    const unknown = [...omitted, ...projectAll].filter(
      (name) => !table.definition.indexes.some((i) => i.name === name),
    );
    if (unknown.length)
      throw new Error(`omitIndexes/projectAll: ${this.service} has no index ${unknown.join(", ")}`);
    for (const index of table.definition.indexes.filter((i) => !omitted.has(i.name))) {
      const projection = projectAll.has(index.name) ? "all" : index.projection;
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: `${index.name}pk`, type: AttributeType.STRING },
        sortKey: { name: `${index.name}sk`, type: AttributeType.STRING },
        ...(typeof projection === "object"
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...projection.include] }
          : {
              projectionType: projection === "keysOnly" ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
            }),
      });
    }

    this.streamDlq = new DeadLetterQueue(this, "StreamDlq", { purpose: `${this.service}'s table stream` });
    this.signingKeys = new Map(
      model.signingKeys.filter((k) => k.service === this.service).map((k) => [k.name, this.signingKey(k)]),
    );
    this.buckets = new Map(
      model.buckets.filter((b) => b.service === this.service).map((b) => [b.name, this.bucket(b)]),
    );
    const integrations = new Set(
      model.functions.filter((f) => f.owner === this.service).flatMap((f) => f.settings.integrations),
    );
    // Generated at creation; operators put the value agreed with the outside system in it. Retained: the other side
    // holds the same value.
    this.integrationSecrets = new Map(
      [...integrations].map((name) => [
        name,
        new Secret(this, `${name}-secret`, {
          description: `${this.service}: the shared secret of the ${name} integration (webhook and callback signatures)`,
          generateSecretString: { passwordLength: 48, excludePunctuation: true },
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      ]),
    );
    const sends = model.functions.some((f) => f.owner === this.service && f.settings.sends.length > 0);
    const messaging = props.messaging ?? { provider: "aws" };
    this.messagingSecrets = new Map(
      (sends && messaging.provider === "cn" ? (messaging.secrets ?? []) : []).map((name) => [
        name,
        new Secret(this, `messaging-${name}`, {
          description: `${this.service}: ${name} of the message provider (set by operators; issue 23)`,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      ]),
    );
    for (const secret of this.messagingSecrets.values())
      Validations.of(secret).acknowledge({
        id: "AwsSolutions-SMG4",
        reason:
          "A credential issued by the SMS or email provider: it changes when the provider issues a new one, a manual step on both sides.",
      });
    for (const secret of this.integrationSecrets.values())
      Validations.of(secret).acknowledge({
        id: "AwsSolutions-SMG4",
        reason:
          "A secret shared with an outside system (the 12345 hotline) changes only when both sides change it together; rotation is an agreed manual step.",
      });
    this.schedules = model.schedules.filter((s) => s.service === this.service);
    for (const fnId of new Set(this.schedules.map((s) => s.fn.id))) {
      this.scheduleDlqs.set(fnId, new DeadLetterQueue(this, `${fnId}-dlq`, { purpose: `scheduled ${fnId}` }));
    }
  }

  /**
   * An asymmetric KMS key (ECDSA on P-256, or SM2 where the deployment seals in the national algorithm) for sealed
   * documents: the private key never leaves KMS, and any standard ECDSA-SHA256 (or GB/T 32918 SM2) verifier can check
   * a seal with the key's public key. Its key policy is KMS's default (the account
   * may delegate through IAM); the functions' IAM policies name only kms:Sign / kms:Verify on this key's ARN.
   */
  private signingKey(k: SigningKeyModel): Key {
    const algorithm = this.props.sealAlgorithm ?? DEFAULT_SEAL_ALGORITHM;
    // Never rename this id: a new logical id means a new key (the old one is retained, its seals orphaned) and a
    // clash on the alias, whose name is fixed.
    const key = new Key(this, `${k.name}-signing-key`, {
      description: `${k.id}: signs the digests of ${this.service}'s sealed documents (${algorithm})`,
      keySpec: KeySpec[SEAL_KEY_SPECS[algorithm]],
      keyUsage: KeyUsage.SIGN_VERIFY,
      alias: k.alias,
      // A deleted key would leave every seal it made unverifiable: documents outlive any stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // No automatic rotation: KMS refuses it for asymmetric keys, and cdk-nag's AwsSolutions-KMS5 checks symmetric
    // keys only, so there is nothing to acknowledge. Rotating means a new key behind the alias; the old key must stay
    // (retained, enabled for Verify) to check the seals it made.
    return key;
  }

  /**
   * A bucket of records people hand in (applicants' materials): private, TLS only, versioned and retained, so neither
   * an overwrite nor a deleted stack loses one. S3-managed keys (SSE-S3), as the tables and queues use AWS-owned
   * keys: no key policy or KMS grants to keep in step with the functions, presigned URLs need nothing but the S3
   * permission they carry, and no KMS request per object; a customer managed key would add per-key audit and
   * revocation, and can replace it without touching the objects' readers.
   */
  private bucket(b: BucketModel): Bucket {
    const { expireTagged, browserAccess } = b.definition;
    // Never rename this id: a new logical id means a new bucket, the old one retained with every file in it.
    const bucket = new Bucket(this, `${b.name}-bucket`, {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.props.accessLogs,
      serverAccessLogsPrefix: this.props.accessLogs ? `s3/${b.id}/` : undefined,
      lifecycleRules: [
        ...(expireTagged
          ? [
              {
                id: `expire-${expireTagged.key}-${expireTagged.value}`,
                tagFilters: { [expireTagged.key]: expireTagged.value },
                expiration: Duration.days(expireTagged.days),
              },
            ]
          : []),
        {
          id: "versions-and-uploads",
          // An overwritten or deleted file stays recoverable for a month, then goes (with the delete marker left
          // behind); a multipart upload a browser gave up on is not kept (and billed) at all.
          noncurrentVersionExpiration: Duration.days(30),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      cors:
        browserAccess && this.props.browserOrigins?.length
          ? [
              {
                allowedOrigins: [...this.props.browserOrigins],
                allowedMethods: BROWSER_CORS.methods.map((m) => HttpMethods[m]),
                allowedHeaders: [...BROWSER_CORS.headers],
                exposedHeaders: [...BROWSER_CORS.exposed],
              },
            ]
          : undefined,
      // Applicants' materials are records of their cases: a stack deletion must never take them along.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    return bucket;
  }

  /**
   * The queue for a scheduled function's lost runs: events EventBridge could not deliver and invocations that still
   * failed after Lambda's asynchronous retries.
   */
  asyncDlqFor(fn: FunctionModel): IQueue | undefined {
    return this.scheduleDlqs.get(fn.id)?.queue;
  }

  connect(wiring: ServiceWiring): void {
    const { model, table } = this.props;
    for (const fn of model.functions.filter((f) => f.owner === this.service)) {
      this.grantTableAccess(fn, wiring.functionFor(fn));
      this.grantSigning(fn, wiring.functionFor(fn));
      this.grantBucketAccess(fn, wiring.functionFor(fn));
      this.grantSending(fn, wiring.functionFor(fn));
      for (const name of fn.settings.integrations)
        this.integrationSecrets.get(name)!.grantRead(wiring.functionFor(fn).function);
    }
    this.connectPublisher(table, wiring);
    for (const q of model.queues.filter((q) => q.service === this.service)) this.connectConsumer(q, wiring);
    for (const s of this.schedules) this.connectSchedule(s, wiring);
  }

  private grantTableAccess(fn: FunctionModel, target: ServiceFunction): void {
    if (fn.tableAccess === "none") return;
    if (fn.tableAccess === "read") this.table.grantReadData(target.function);
    else this.table.grantReadWriteData(target.function);
    if (this.props.table.definition.indexes.length) {
      const tableArn = `<${Stack.of(this).resolve((this.table.node.defaultChild as CfnTable).logicalId)}.Arn>`;
      Validations.of(target.function.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${tableArn}/index/*]`,
        reason: `Queries on the GSIs of ${this.service}'s own table (${this.props.table.definition.indexes.map((i) => i.name).join(", ")}, declared in the manifest); no other table is reachable.`,
      });
    }
  }

  /**
   * Functions that send messages to people (`sends` in the manifest): SMS through SNS — publishing to a phone number
   * has no resource to name, so `sns:Publish` on `*` with every topic denied — and email through SES, only from the
   * sender's identity.
   */
  private grantSending(fn: FunctionModel, target: ServiceFunction): void {
    const role = target.function.role!;
    if (!fn.settings.sends.length) return;
    if ((this.props.messaging?.provider ?? "aws") === "cn") {
      // A domestic SMS service and SMTP, over the internet: no AWS permission, only the provider's credentials.
      for (const secret of this.messagingSecrets.values()) secret.grantRead(target.function);
      return;
    }
    if (fn.settings.sends.includes("sms")) {
      target.function.addToRolePolicy(new PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] }));
      // …and nothing but phone numbers: publishing to any topic is denied, so the `*` cannot reach a topic.
      target.function.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ["sns:Publish"],
          resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
        }),
      );
      Validations.of(role).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "sns:Publish to a phone number (SMS) names no topic ARN, so it cannot be scoped by resource; only this sending function has it.",
      });
    }
    if (fn.settings.sends.includes("email")) {
      const stack = Stack.of(this);
      const domain = this.props.emailFrom?.split("@")[1] ?? "govservice.example";
      target.function.addToRolePolicy(
        new PolicyStatement({
          actions: ["ses:SendEmail"],
          resources: [stack.formatArn({ service: "ses", resource: "identity", resourceName: domain })],
        }),
      );
    }
  }

  /** Functions that write the table may seal (Sign) and check (Verify); read-only ones may only check. */
  private grantSigning(fn: FunctionModel, target: ServiceFunction): void {
    const access = signingAccessFor(fn);
    for (const key of this.signingKeys.values()) {
      if (access === "sign") key.grantSignVerify(target.function);
      else if (access === "verify") key.grantVerify(target.function);
    }
  }

  /**
   * Writers may put, get and tag its objects, readers only get them — whatever URL a function presigns can do no more.
   * Objects only: no function lists or deletes, nor touches the bucket's own settings.
   */
  private grantBucketAccess(fn: FunctionModel, target: ServiceFunction): void {
    const actions = BUCKET_ACTIONS[bucketAccessFor(fn)];
    if (!actions.length) return;
    for (const [name, bucket] of this.buckets) {
      bucket.grants.actionsOnObjectKeys(target.function, "*", ...actions);
      const bucketArn = `<${Stack.of(this).resolve((bucket.node.defaultChild as CfnBucket).logicalId)}.Arn>`;
      Validations.of(target.function.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${bucketArn}/*]`,
        reason: `Objects of ${this.service}'s own ${name} bucket, whose keys the function makes per upload; ${actions.join(", ")} only, and no other bucket is reachable.`,
      });
    }
  }

  /** The table's stream → publisher → the queues of every subscribing service (DESIGN.md, "Data and events"). */
  private connectPublisher(table: TableModel, wiring: ServiceWiring): void {
    const publisher = wiring.functionFor(table.publisher).function;
    publisher.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: DEFAULTS.streamBatchSize,
        bisectBatchOnError: true,
        retryAttempts: DEFAULTS.streamRetryAttempts,
        // A stream keeps records for 24 hours, so a longer age would be moot. The DLQ receives the failed batch's
        // shard and sequence numbers, not the records: a redrive reads the event items from the table (the outbox).
        maxRecordAge: Duration.days(1),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.streamDlq.queue),
        // Already in Lambda's filter syntax; FilterCriteria.filter only wraps it as `{ pattern: JSON }`.
        filters: [FilterCriteria.filter(eventStreamFilter)],
      }),
    );
    for (const queueId of new Set(Object.values(table.subscriptions).flat())) {
      wiring.queueFor(queueId).grantSendMessages(publisher);
    }
  }

  private connectConsumer(q: QueueModel, wiring: ServiceWiring): void {
    const consumer = wiring.functionFor(q.consumer);
    consumer.function.addEventSource(
      new SqsEventSource(wiring.queueFor(q.id), {
        batchSize: q.batchSize,
        maxBatchingWindow:
          q.maxBatchingWindowSeconds > 0 ? Duration.seconds(q.maxBatchingWindowSeconds) : undefined,
        reportBatchItemFailures: true,
        enabled: !this.props.consumersPaused,
      }),
    );
    Validations.of(consumer).acknowledge({
      id: "Serverless-LambdaEventSourceMappingDestination",
      reason: `SQS event source mappings take no OnFailure destination: ${q.id} redrives to its own DLQ after ${q.maxReceiveCount} receives.`,
    });
  }

  private connectSchedule(s: ScheduleModel, wiring: ServiceWiring): void {
    // An EventBridge rule rather than EventBridge Scheduler: the manifest's cron is UTC, as in infra/local's
    // scheduler, so Scheduler's time zones add nothing; a rule invokes through the function's resource policy instead
    // of one more IAM role per schedule; and cdk-nag's Serverless pack checks a rule target's DLQ (EventBusDLQ).
    new Rule(this, s.id, {
      description: s.definition.description,
      schedule: Schedule.expression(scheduleExpression(s.definition.schedule)),
      targets: [
        new LambdaFunction(wiring.functionFor(s.fn).function, {
          deadLetterQueue: this.scheduleDlqs.get(s.fn.id)!.queue,
          retryAttempts: 4,
          // A later run repeats the work of a missed one (handlers read what is due now), so old events are noise.
          maxEventAge: Duration.hours(1),
        }),
      ],
    });
  }
}

function scheduleExpression(expression: ScheduleExpression): string {
  return "rate" in expression ? `rate(${expression.rate})` : `cron(${expression.cron})`;
}
