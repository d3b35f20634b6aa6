import { NestedStack, Tags } from "aws-cdk-lib";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { signingKeyEnv, type ServiceName } from "#shared/manifest/naming.ts";
import {
  environmentFor,
  type FunctionModel,
  type Model,
  type Resolved,
  type TableModel,
} from "#infra/manifest.ts";
import { INTEGRATION_SECRETS, INTEGRATION_SETTINGS } from "#shared/config/integrations.ts";
import { cnMessagingEnvironment, MESSAGING_SECRETS } from "#shared/config/messaging.ts";
import { ApiRoutes, type GovHttpApi } from "../constructs/http-api.ts";
import { ServiceConstruct } from "../constructs/service-construct.ts";
import { ServiceFunction, type FunctionPlatform } from "../constructs/service-function.ts";
import type { Identity } from "../constructs/identity.ts";
import { tagsFor, type DeployContext } from "../context.ts";
import type { MessagingStack } from "./messaging-stack.ts";

export interface ServiceStackProps {
  readonly model: Model;
  /** The service's table in the model: it names the service, its publisher and its subscriptions. */
  readonly table: TableModel;
  readonly messaging: MessagingStack;
  /** Whose tokens the service's HTTP functions verify. */
  readonly identity: Identity;
  readonly http: GovHttpApi;
  /** The deployment's settings: target, messaging, seal algorithm, integration settings (infra/aws/context.ts). */
  readonly deploy: DeployContext;
  /** What the functions run on (architecture, runtime, tracing, the secrets layer). */
  readonly platform: FunctionPlatform;
  /**
   * The web front ends' origins, for the CORS rule of a bucket declared `browserAccess`: the console's distribution
   * (a parameter of this stack, passed down by the root — the root never refers to a service's stack) and the API's
   * configured CORS origins.
   */
  readonly browserOrigins?: readonly string[];
  /** The root's log bucket, where the service's buckets write their server access logs. */
  readonly accessLogs?: IBucket;
  /** This service's indexes left out of this deploy (GovServiceStackProps.omitIndexes). */
  readonly omitIndexes?: readonly string[];
  /** This service's indexes kept with every attribute projected (GovServiceStackProps.projectAll). */
  readonly projectAll?: readonly string[];
  /** Its queue consumers deployed disabled, while a migration runs (context `pausedConsumers`). */
  readonly consumersPaused?: boolean;
}

/**
 * Everything one service owns: its table and stream DLQ, its signing keys and buckets, its functions with their event
 * sources and schedules, and its HTTP routes (on the root's API). A nested stack of its own so that each service has
 * CloudFormation's resource limit to itself — a route costs seven resources (function, role, policy, log group,
 * integration, permission, route) — and adding a service adds a stack instead of filling one.
 *
 * It refers only to the root (user pool, API, authorizer, the console's origin and log bucket) and the messaging stack
 * (queues), never to another service's stack: test/infra checks that, because a reference between two service stacks
 * could one day run both ways.
 */
export class ServiceStack extends NestedStack {
  readonly service: ServiceName;
  /** The table, stream DLQ, signing keys and schedule DLQs. */
  readonly resources: ServiceConstruct;
  /** By FunctionModel id: this service's functions only. */
  readonly functions: ReadonlyMap<string, ServiceFunction>;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    const service = props.table.service;
    super(scope, id, {
      description: `Government service centers: ${service} (table, keys, functions, event sources, schedules, routes)`,
    });
    const { model, messaging } = props;
    this.service = service;
    const { deploy } = props;
    Tags.of(this).add("service", service, tagsFor(deploy.target));

    const own = new ServiceConstruct(this, service, {
      model,
      table: props.table,
      emailFrom: deploy.messaging.emailFrom,
      sealAlgorithm: deploy.sealAlgorithm,
      messaging: {
        provider: deploy.messaging.provider,
        secrets: MESSAGING_SECRETS[deploy.messaging.provider],
      },
      browserOrigins: props.browserOrigins,
      accessLogs: props.accessLogs,
      omitIndexes: props.omitIndexes,
      projectAll: props.projectAll,
      consumersPaused: props.consumersPaused,
    });
    this.resources = own;
    const resolved: Resolved = {
      tableName: (s) => ownOnly(s, own.table.tableName),
      queueUrl: (queueId) => messaging.queue(queueId).queueUrl,
      auth: props.identity.authEnvironment,
      // How seals are signed (shared/signing), for the functions of a service that holds a signing key.
      common: model.signingKeys.some((k) => k.service === service)
        ? { SEAL_ALGORITHM: deploy.sealAlgorithm }
        : {},
      // The key's ARN, not its alias: the ARN is what Sign returns as the seal's keyId and what IAM grants name.
      messaging: {
        MESSAGE_PROVIDER: deploy.messaging.provider,
        EMAIL_FROM: deploy.messaging.emailFrom,
        ...(deploy.messaging.smsSenderId ? { SMS_SENDER_ID: deploy.messaging.smsSenderId } : {}),
        ...(deploy.messaging.cn ? cnMessagingEnvironment(deploy.messaging.cn) : {}),
        ...Object.fromEntries(
          [...own.messagingSecrets].map(([name, secret]) => [`${name}_ARN`, secret.secretArn]),
        ),
      },
      // The secret's ARN only (the value is read at run time); where callbacks go is deployment context.
      integration: (name) => ({
        [`${INTEGRATION_SECRETS[name]}_ARN`]: own.integrationSecrets.get(name)!.secretArn,
        ...Object.fromEntries(
          INTEGRATION_SETTINGS[name].map((v) => [
            v,
            v === "HOTLINE_CALLBACK_URL" ? deploy.hotlineCallbackUrl : `https://${name}.invalid/callbacks`,
          ]),
        ),
      }),
      bucketName: (s, name) => ownOnly(s, own.buckets.get(name)!.bucketName),
      signingKey: (s, name) => ({
        [signingKeyEnv(s, name).kmsKeyId]: ownOnly(s, own.signingKeys.get(name)!.keyArn),
      }),
    };
    // environmentFor only ever asks for the function's own service; failing loudly keeps it that way, since another
    // service's table or key here would be a reference between two service stacks.
    function ownOnly<T>(s: ServiceName, value: T): T {
      if (s !== service) throw new Error(`${service}'s stack cannot refer to ${s}'s resources`);
      return value;
    }

    const functions = new Map<string, ServiceFunction>();
    for (const fn of model.functions.filter((f) => f.owner === service)) {
      functions.set(
        fn.id,
        new ServiceFunction(this, fn.id, {
          model: fn,
          environment: environmentFor(fn, resolved, model),
          deadLetterQueue: own.asyncDlqFor(fn),
          platform: props.platform,
        }),
      );
    }
    this.functions = functions;
    const functionFor = (fn: FunctionModel) => {
      const built = functions.get(fn.id);
      if (!built) throw new Error(`${fn.id} is not a function of ${service}`);
      return built;
    };

    own.connect({ functionFor, queueFor: (queueId) => messaging.queue(queueId) });
    new ApiRoutes(this, "Routes", {
      api: props.http,
      routes: model.routes.filter((r) => r.fn.owner === service),
      functionFor,
    });
  }
}
