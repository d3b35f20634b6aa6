import { CfnOutput, Stack, Tags, type StackProps } from "aws-cdk-lib";
import { Construct } from "constructs";
import type { ServiceName } from "#shared/manifest/naming.ts";
import { environmentFor, model as manifestModel, type FunctionModel, type Model } from "#infra/manifest.ts";
import { CONSOLE_PREFIX, PORTAL_PREFIX } from "#infra/console-policy.ts";
import { ConsoleHosting } from "../constructs/console-hosting.ts";
import { ApiRoutes, GovHttpApi } from "../constructs/http-api.ts";
import { deadLetterQueuesOf, Operations } from "../constructs/operations.ts";
import { platformOf, ServiceFunction } from "../constructs/service-function.ts";
import { ExternalIdentity } from "../constructs/identity.ts";
import { readDeployContext, tagsFor, type DeployContext } from "../context.ts";
import { UserDirectory } from "../constructs/user-directory.ts";
import { MessagingStack } from "./messaging-stack.ts";
import { ServiceStack } from "./service-stack.ts";

/** The names of one service's indexes in a list of `<service>/<index>`. */
const ofService = (indexes: readonly string[] | undefined, service: string) =>
  indexes?.filter((i) => i.startsWith(`${service}/`)).map((i) => i.slice(service.length + 1));

export interface GovServiceStackProps extends StackProps {
  /** @default the manifest's model (infra/manifest.ts) */
  readonly model?: Model;
  /**
   * The deployment's settings: its target (`aws` or `aws-cn`) and everything the CDK context sets
   * (infra/aws/context.ts, where each key is described).
   * @default every key's default for target `aws`
   */
  readonly deploy?: DeployContext;
  /** The built staff console (web/dist); see ConsoleHostingProps.files. */
  readonly consoleFiles?: string;
}

/**
 * The one stack to deploy (`cdk deploy GovService`). It holds the platform — the user pool, the HTTP API with its stage
 * and JWT authorizer, the platform's functions and `$default`, the staff console's hosting — and nests the rest, so
 * that no template comes near CloudFormation's 500 resources however many services and routes the manifest grows:
 *
 * - `Messaging`: every service's inbound queues, DLQs and alarms (see MessagingStack for why they are not in the
 *   services' stacks);
 * - one ServiceStack per service: its table, keys, functions, event sources, schedules and routes.
 *
 * References flow one way only: root → messaging, root → service, messaging → service. Nothing here names a service or
 * a route. The operations view (dashboard, alarms, alarm topic) is the root's and reaches into the nested stacks by
 * name only, so it adds no reference (see Operations).
 */
export class GovServiceStack extends Stack {
  readonly messaging: MessagingStack;
  readonly services: ReadonlyMap<ServiceName, ServiceStack>;
  /** By FunctionModel id, whichever stack each is in. */
  readonly functions: ReadonlyMap<string, ServiceFunction>;
  /** The deployment's settings (CDK context, checked). */
  readonly deploy: DeployContext;
  /** The user pool (target `aws`); none where an external provider signs people in (`aws-cn`). */
  readonly users?: UserDirectory;
  readonly identity: UserDirectory | ExternalIdentity;
  readonly http: GovHttpApi;
  readonly console: ConsoleHosting;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: GovServiceStackProps = {}) {
    super(scope, id, {
      // From the model: the services it deploys (issue 22 made them six), never a list kept by hand.
      description: `Government service centers (政务服务场所): ${(props.model ?? manifestModel).tables
        .map((t) => t.service)
        .join(", ")}`,
      ...props,
    });
    const model = props.model ?? manifestModel;
    const deploy = props.deploy ?? readDeployContext(() => undefined);
    this.deploy = deploy;
    Tags.of(this).add("project", "govservice-centers", tagsFor(deploy.target));

    const platform = platformOf(deploy);
    let identity: UserDirectory | ExternalIdentity;
    if (deploy.identity.kind === "cognito") {
      this.users = new UserDirectory(this, "Users", {
        domainPrefix: deploy.identity.domainPrefix,
        claims: deploy.identity.claims,
      });
      identity = this.users;
    } else {
      // Cognito user pools are not offered in the China regions: the city's identity platform signs people in.
      identity = new ExternalIdentity({
        issuer: deploy.identity.issuer,
        jwksUrl: deploy.identity.jwksUrl,
        audience: deploy.identity.audience,
        claims: deploy.identity.claims,
      });
    }
    this.identity = identity;
    this.http = new GovHttpApi(this, "Http", {
      identity,
      corsAllowOrigins: deploy.corsAllowOrigins,
      domain: deploy.apiDomain,
    });
    this.console = new ConsoleHosting(this, "Console", {
      api: this.http.api,
      identity,
      files: props.consoleFiles,
      domain: deploy.consoleDomain,
      target: deploy.target,
    });
    // Never rename these nested stacks (`Messaging`, each service's name): every logical id inside one is only unique
    // within it, so a new stack id means new tables and keys — the old ones retained, but orphaned.
    const services = new Set(model.tables.map((t) => t.service as string));
    const stray = [...(deploy.omitIndexes ?? []), ...(deploy.projectAll ?? [])].filter(
      (i) => !services.has(i.split("/")[0]!) || !i.includes("/"),
    );
    if (stray.length) throw new Error(`omitIndexes/projectAll: not <service>/<index>: ${stray.join(", ")}`);
    const unknownPaused = (deploy.pausedConsumers ?? []).filter((s) => !services.has(s));
    if (unknownPaused.length) throw new Error(`pausedConsumers: not a service: ${unknownPaused.join(", ")}`);
    this.messaging = new MessagingStack(this, "Messaging", { model });
    this.services = new Map(
      model.tables.map((table) => [
        table.service,
        new ServiceStack(this, table.service, {
          model,
          table,
          messaging: this.messaging,
          deploy,
          platform,
          identity,
          http: this.http,
          // For the CORS rule of a `browserAccess` bucket: the distribution's domain reaches the service's stack as a
          // parameter, root → service, the one direction references between them go.
          browserOrigins: [this.console.url, ...(deploy.corsAllowOrigins ?? [])],
          accessLogs: this.console.logs,
          omitIndexes: ofService(deploy.omitIndexes, table.service),
          projectAll: ofService(deploy.projectAll, table.service),
          consumersPaused: deploy.pausedConsumers?.includes(table.service) ?? false,
        }),
      ]),
    );

    // The platform's functions read no table and no queue: they need the auth variables only.
    const platformScope = new Construct(this, "platform");
    const platformFunctions = new Map<string, ServiceFunction>();
    for (const fn of model.functions.filter((f) => f.owner === "platform")) {
      const environment = environmentFor(
        fn,
        {
          tableName: () => noServiceResource(fn),
          queueUrl: () => noServiceResource(fn),
          auth: identity.authEnvironment,
        },
        model,
      );
      platformFunctions.set(
        fn.id,
        new ServiceFunction(platformScope, fn.id, { model: fn, environment, platform }),
      );
    }
    new ApiRoutes(this, "PlatformRoutes", {
      api: this.http,
      routes: model.routes.filter((r) => r.fn.owner === "platform"),
      fallback: model.fallback,
      functionFor: (fn) => platformFunctions.get(fn.id)!,
    });

    this.functions = new Map([
      ...platformFunctions,
      ...[...this.services.values()].flatMap((s) => [...s.functions]),
    ]);

    this.operations = new Operations(this, "Operations", {
      api: this.http.api,
      deadLetterQueues: deadLetterQueuesOf(model, this.messaging, this.services),
      alarmEmail: deploy.alarmEmail,
    });

    new CfnOutput(this, "ApiUrl", { value: this.http.api.apiEndpoint });
    if (this.users) {
      new CfnOutput(this, "UserPoolId", { value: this.users.pool.userPoolId });
      new CfnOutput(this, "UserPoolClientId", { value: this.users.client.userPoolClientId });
    } else new CfnOutput(this, "IdentityIssuer", { value: identity.issuer });
    new CfnOutput(this, "ConsoleUrl", { value: `${this.console.url}${CONSOLE_PREFIX}/` });
    new CfnOutput(this, "PortalUrl", { value: `${this.console.url}${PORTAL_PREFIX}/` });
    new CfnOutput(this, "AlarmTopicArn", { value: this.operations.topic.topicArn });
  }
}

function noServiceResource(fn: FunctionModel): never {
  throw new Error(`${fn.id} is a platform function: it has no table or queue`);
}
