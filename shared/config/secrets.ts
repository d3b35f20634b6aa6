import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { InternalError } from "../errors.ts";
import { tracer } from "../observability.ts";

/**
 * Secrets are never in code, configuration files or logs. Locally the runtime passes the value in the environment
 * (`<NAME>`); in AWS the function gets only the secret's ARN (`<NAME>_ARN`) and reads the value at run time, cached
 * for five minutes outside the handler, so the value never appears in the function's configuration:
 * - through the AWS Parameters and Secrets Lambda Extension on localhost where the function has its layer (CDK sets
 *   `PARAMETERS_SECRETS_EXTENSION_HTTP_PORT` with it): no SDK call on the invocation's path;
 * - with the SDK's GetSecretValue where it has not — the China regions, whose layer exists for x86_64 only (issue 23).
 */
const CACHE_MS = 5 * 60_000;

const cache = new Map<string, { value: string; until: number }>();

export async function secretValue(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const direct = env[name];
  if (direct) return direct;
  const arn = env[`${name}_ARN`];
  if (!arn) throw new InternalError(`Secret ${name} is not configured.`);
  const hit = cache.get(arn);
  if (hit && hit.until > Date.now()) return hit.value;
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  const value = port ? await throughExtension(name, arn, port, env) : await throughSdk(name, arn);
  cache.set(arn, { value, until: Date.now() + CACHE_MS });
  return value;
}

async function throughExtension(name: string, arn: string, port: string, env: NodeJS.ProcessEnv) {
  const res = await fetch(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`, {
    headers: { "X-Aws-Parameters-Secrets-Token": env.AWS_SESSION_TOKEN ?? "" },
  });
  if (!res.ok) throw new InternalError(`Secret ${name} could not be read (${res.status}).`);
  const { SecretString } = (await res.json()) as { SecretString?: string };
  if (!SecretString) throw new InternalError(`Secret ${name} has no string value.`);
  return SecretString;
}

let client: SecretsManagerClient | undefined;

async function throughSdk(name: string, arn: string) {
  // Built at the first read: every HTTP function shares the middleware that reads a webhook's secret, and only the
  // webhooks' functions in the China regions ever get here. A static import (13 KiB of the two names) rather than a
  // dynamic one: esbuild keeps the whole package behind an `import()` (32 KiB), and evaluating the modules is cheap.
  client ??= tracer.captureAWSv3Client(new SecretsManagerClient({}));
  let SecretString: string | undefined;
  try {
    ({ SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn })));
  } catch (error) {
    // The error's name only: its message may quote the request.
    throw new InternalError(`Secret ${name} could not be read (${(error as Error).name}).`);
  }
  if (!SecretString) throw new InternalError(`Secret ${name} has no string value.`);
  return SecretString;
}
