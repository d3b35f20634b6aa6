import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, Validations, type AppProps } from "aws-cdk-lib";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import { readDeployContext } from "./context.ts";
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

/** The CDK app: used by app.ts (the CLI's entry) and by test/infra, so both synthesize the same thing. */
export function createApp({ nag = true, consoleFiles, ...props }: GovServiceAppOptions = {}) {
  const app = new App(props);
  // Environment-agnostic: the same template for every account and region, and synth needs no credentials. The
  // context is checked before anything is built: a wrong key or value names itself (infra/aws/context.ts).
  const deploy = readDeployContext((key) => app.node.tryGetContext(key));
  const stack = new GovServiceStack(app, "GovService", {
    deploy,
    consoleFiles: consoleFiles === null ? undefined : (consoleFiles ?? builtConsole()),
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
