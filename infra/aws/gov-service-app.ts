import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, Validations, type AppProps } from "aws-cdk-lib";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import { GovServiceStack } from "./stacks/gov-service-stack.ts";

export interface GovServiceAppOptions extends AppProps {
  /**
   * Run cdk-nag (AWS Solutions and Serverless packs) as validation plugins: an unacknowledged finding fails synth.
   * @default true
   */
  readonly nag?: boolean;
  /**
   * The built staff console to deploy, or null for none.
   * @default web/dist when `npm run build:web` has written it: a checkout that never built the console (a clean clone's
   *   infra tests, a backend-only deploy) still synthesizes, deploying the console's config.json alone
   */
  readonly consoleFiles?: string | null;
}

const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));
const builtConsole = () => (existsSync(join(WEB_DIST, "index.html")) ? WEB_DIST : undefined);

/** A comma-separated context value as a list. */
const list = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(",")
        .map((i) => i.trim())
        .filter(Boolean)
    : undefined;

/** The CDK app: used by app.ts (the CLI's entry) and by test/infra, so both synthesize the same thing. */
export function createApp({ nag = true, consoleFiles, ...props }: GovServiceAppOptions = {}) {
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
    cognitoDomainPrefix: app.node.tryGetContext("cognitoDomainPrefix") as string | undefined,
    omitIndexes: list(app.node.tryGetContext("omitIndexes")),
    projectAll: list(app.node.tryGetContext("projectAll")),
    consoleFiles: consoleFiles === null ? undefined : (consoleFiles ?? builtConsole()),
    corsAllowOrigins: list(origins),
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
