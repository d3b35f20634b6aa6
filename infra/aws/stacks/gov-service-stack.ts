import { CfnOutput, Stack, Tags, type StackProps } from "aws-cdk-lib";
import { Construct } from "constructs";
import type { ServiceName } from "#shared/manifest/naming.ts";
import {
  environmentFor,
  model as manifestModel,
  type FunctionModel,
  type Model,
  type Resolved,
} from "#infra/manifest.ts";
import { GovHttpApi } from "../constructs/http-api.ts";
import { ServiceConstruct } from "../constructs/service-construct.ts";
import { ServiceFunction } from "../constructs/service-function.ts";
import { UserDirectory } from "../constructs/user-directory.ts";

export interface GovServiceStackProps extends StackProps {
  /** @default the manifest's model (infra/manifest.ts) */
  readonly model?: Model;
  /** Browser origins allowed by CORS (see GovHttpApiProps). */
  readonly corsAllowOrigins?: readonly string[];
}

/**
 * Everything the manifest declares, in one stack: a user pool, one ServiceConstruct per service (table, stream,
 * queues, schedules), one function per FunctionModel, and the HTTP API. Nothing here names a service or a route.
 */
export class GovServiceStack extends Stack {
  readonly services: ReadonlyMap<ServiceName, ServiceConstruct>;
  /** By FunctionModel id. */
  readonly functions: ReadonlyMap<string, ServiceFunction>;
  readonly users: UserDirectory;
  readonly http: GovHttpApi;

  constructor(scope: Construct, id: string, props: GovServiceStackProps = {}) {
    super(scope, id, {
      description:
        "Government service centers (政务服务场所): catalog, intake, review, delivery, supervision",
      ...props,
    });
    const model = props.model ?? manifestModel;
    Tags.of(this).add("project", "govservice-centers");

    const users = new UserDirectory(this, "Users");
    this.users = users;
    const services = new Map(
      model.tables.map((t) => [t.service, new ServiceConstruct(this, t.service, { model, table: t })]),
    );
    this.services = services;
    const queues = new Map([...services.values()].flatMap((s) => [...s.queues]));
    const queueFor = (queueId: string) => {
      const queue = queues.get(queueId);
      if (!queue) throw new Error(`No queue ${queueId} in the model`);
      return queue.queue;
    };

    const resolved: Resolved = {
      tableName: (service) => services.get(service)!.table.tableName,
      queueUrl: (queueId) => queueFor(queueId).queueUrl,
      auth: users.authEnvironment,
    };
    const platform = new Construct(this, "platform");
    const functions = new Map<string, ServiceFunction>();
    for (const fn of model.functions) {
      const owner = fn.owner === "platform" ? undefined : services.get(fn.owner)!;
      functions.set(
        fn.id,
        new ServiceFunction(owner ?? platform, fn.id, {
          model: fn,
          environment: environmentFor(fn, resolved, model),
          deadLetterQueue: owner?.asyncDlqFor(fn),
        }),
      );
    }
    this.functions = functions;
    const functionFor = (fn: FunctionModel) => functions.get(fn.id)!;

    for (const service of services.values()) service.connect({ functionFor, queueFor });
    this.http = new GovHttpApi(this, "Http", {
      routes: model.routes,
      fallback: model.fallback,
      functionFor,
      users,
      corsAllowOrigins: props.corsAllowOrigins,
    });

    new CfnOutput(this, "ApiUrl", { value: this.http.api.apiEndpoint });
    new CfnOutput(this, "UserPoolId", { value: users.pool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: users.client.userPoolClientId });
  }
}
