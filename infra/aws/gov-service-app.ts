import { App, Validations, type AppProps } from "aws-cdk-lib";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import { GovServiceStack } from "./stacks/gov-service-stack.ts";

export interface GovServiceAppOptions extends AppProps {
  /**
   * Run cdk-nag (AWS Solutions and Serverless packs) as validation plugins: an unacknowledged finding fails synth.
   * @default true
   */
  readonly nag?: boolean;
}

/** The CDK app: used by app.ts (the CLI's entry) and by test/infra, so both synthesize the same thing. */
export function createApp({ nag = true, ...props }: GovServiceAppOptions = {}) {
  const app = new App(props);
  // Environment-agnostic: the same template for every account and region, and synth needs no credentials.
  const origins = app.node.tryGetContext("corsAllowOrigins") as string | undefined;
  const emailFrom = app.node.tryGetContext("emailFrom") as string | undefined;
  const stack = new GovServiceStack(app, "GovService", {
    messaging: {
      emailFrom: emailFrom ?? "no-reply@govservice.example",
      smsSenderId: app.node.tryGetContext("smsSenderId") as string | undefined,
    },
    integrationSettings: {
      HOTLINE_CALLBACK_URL:
        (app.node.tryGetContext("hotlineCallbackUrl") as string | undefined) ??
        "https://hotline.invalid/callbacks",
    },
    alarmEmail: app.node.tryGetContext("alarmEmail") as string | undefined,
    corsAllowOrigins: origins
      ?.split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
