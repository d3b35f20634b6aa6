import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  ApiMapping,
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { FunctionModel, RouteModel } from "#infra/manifest.ts";
import type { ServiceFunction } from "./service-function.ts";
import type { Identity } from "./identity.ts";

export interface GovHttpApiProps {
  /** Whose ID tokens the authorizer accepts: the user pool's, or an external OpenID Connect provider's. */
  readonly identity: Identity;
  /**
   * Stage-wide limits: they protect the tables and Lambda concurrency from a runaway client; raise them from measured
   * traffic rather than removing them.
   * @default { rateLimit: 100, burstLimit: 200 }
   */
  readonly throttle?: { rateLimit: number; burstLimit: number };
  /**
   * Origins of the web front-ends allowed to call the API from a browser (CDK context `corsAllowOrigins`, a
   * comma-separated list). API Gateway then answers preflight requests itself.
   * @default none: no browser origin is allowed
   */
  readonly corsAllowOrigins?: readonly string[];
  /**
   * A custom domain for the API (CDK context `apiDomainName` and `apiCertificateArn`): in the China regions the
   * execute-api URL is not reachable from the internet, and a public route needs an ICP-filed domain (issue 23).
   * @default none: the execute-api URL (and the console's origin, which serves the API under /v1/)
   */
  readonly domain?: { name: string; certificateArn: string };
}

/** One JSON line per request, with the caller's `sub` for the audit trail (HTTP API context variables). */
const ACCESS_LOG_FORMAT = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  ip: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  routeKey: "$context.routeKey",
  path: "$context.path",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationStatus: "$context.integrationStatus",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  sub: "$context.authorizer.claims.sub",
};

/**
 * The HTTP API itself: the API, its one stage and the one JWT authorizer. It has no routes of its own — each stack
 * adds the routes of its functions with ApiRoutes, so a route, its integration and its invoke permission sit in the
 * same stack as the function they call.
 */
export class GovHttpApi extends Construct {
  readonly api: HttpApi;
  readonly accessLogs: LogGroup;
  /** The API's one JWT authorizer: it verifies the identity provider's ID tokens for every non-public route. */
  readonly authorizer: HttpAuthorizer;
  /**
   * What a route binds to use `authorizer`, by id. Not an HttpJwtAuthorizer: that creates its AWS::ApiGatewayV2::
   * Authorizer when a route first binds it, so the authorizer's home would depend on which stack's route came first.
   */
  readonly jwt: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: GovHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, "Api", {
      description: "Government service centers: /v1 JSON API",
      // The stage is added below, with access logs and throttling the generated one cannot take.
      createDefaultStage: false,
      corsPreflight: props.corsAllowOrigins?.length
        ? {
            allowOrigins: [...props.corsAllowOrigins],
            allowMethods: [
              CorsHttpMethod.GET,
              CorsHttpMethod.POST,
              CorsHttpMethod.PUT,
              CorsHttpMethod.PATCH,
              CorsHttpMethod.DELETE,
            ],
            allowHeaders: ["authorization", "content-type", "idempotency-key", "x-correlation-id"],
            exposeHeaders: ["location", "idempotent-replayed"],
            maxAge: Duration.minutes(10),
          }
        : undefined,
    });

    this.accessLogs = new LogGroup(this, "AccessLogs", {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const throttle = props.throttle ?? { rateLimit: 100, burstLimit: 200 };
    const stage = this.api.addStage("DefaultStage", {
      stageName: "$default",
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
      },
    });

    // What HttpJwtAuthorizer would create, with the same name and identity source. Named after Cognito whichever the
    // provider: renaming it would replace the authorizer of every deployed route.
    this.authorizer = new HttpAuthorizer(this, "CognitoJwt", {
      httpApi: this.api,
      authorizerName: "CognitoJwt",
      type: HttpAuthorizerType.JWT,
      identitySource: ["$request.header.Authorization"],
      jwtIssuer: props.identity.issuer,
      // Every client's ID tokens: the SPA's and the staff console's (an ID token's `aud` is its client's id).
      jwtAudience: props.identity.audiences,
    });
    if (props.domain) {
      const domainName = new DomainName(this, "Domain", {
        domainName: props.domain.name,
        certificate: Certificate.fromCertificateArn(this, "Certificate", props.domain.certificateArn),
      });
      new ApiMapping(this, "DomainMapping", { api: this.api, domainName, stage });
    }
    this.jwt = HttpAuthorizer.fromHttpAuthorizerAttributes(this, "CognitoJwtById", {
      authorizerId: this.authorizer.authorizerId,
      authorizerType: HttpAuthorizerType.JWT,
    });
  }
}

export interface ApiRoutesProps {
  readonly api: GovHttpApi;
  /** The manifest routes whose functions are in this construct's stack. */
  readonly routes: readonly RouteModel[];
  /**
   * Serves `$default`, so an unknown route gets the project's problem+json 404 instead of API Gateway's own body. Only
   * the root stack's routes take it: there is one `$default` per API.
   */
  readonly fallback?: RouteModel;
  readonly functionFor: (fn: FunctionModel) => ServiceFunction;
}

/**
 * Routes on the API for one stack's functions: JWT-authorized unless the route is public. Each route's integration and
 * invoke permission are created beside it, so a service's routes cost resources in its own stack, not the root's.
 */
export class ApiRoutes extends Construct {
  constructor(scope: Construct, id: string, props: ApiRoutesProps) {
    super(scope, id);
    const { api } = props.api;
    // One integration per function (two routes may share a handler); each route still adds its own permission.
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (fn: FunctionModel) => {
      if (!integrations.has(fn.id)) {
        integrations.set(fn.id, new HttpLambdaIntegration(fn.id, props.functionFor(fn).function));
      }
      return integrations.get(fn.id)!;
    };

    for (const { route, fn } of props.routes) {
      const isPublic = route.auth === "public";
      const created = new HttpRoute(this, route.key, {
        httpApi: api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationFor(fn),
        authorizer: isPublic ? new HttpNoneAuthorizer() : props.api.jwt,
      });
      if (isPublic) acknowledgePublic(created, `${route.key} is public in the manifest: ${route.summary}`);
    }

    if (props.fallback) {
      const fallback = new HttpRoute(this, "DefaultRoute", {
        httpApi: api,
        routeKey: HttpRouteKey.DEFAULT,
        integration: integrationFor(props.fallback.fn),
        authorizer: new HttpNoneAuthorizer(),
      });
      acknowledgePublic(
        fallback,
        "$default only answers unknown routes with a problem+json 404 and reads no data.",
      );
    }
  }
}

function acknowledgePublic(route: HttpRoute, reason: string): void {
  Validations.of(route).acknowledge({ id: "AwsSolutions-APIG4", reason });
}
