import { InternalError } from "../errors.ts";

/**
 * Secrets are never in code, configuration files or logs. Locally the runtime passes the value in the environment
 * (`<NAME>`); in AWS the function gets only the secret's ARN (`<NAME>_ARN`) and reads the value through the AWS
 * Parameters and Secrets Lambda Extension on localhost, which caches it — no SDK client in the bundle, and the value
 * never appears in the function's configuration.
 */
const EXTENSION_PORT = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? "2773";
const CACHE_MS = 5 * 60_000;

const cache = new Map<string, { value: string; until: number }>();

export async function secretValue(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const direct = env[name];
  if (direct) return direct;
  const arn = env[`${name}_ARN`];
  if (!arn) throw new InternalError(`Secret ${name} is not configured.`);
  const hit = cache.get(arn);
  if (hit && hit.until > Date.now()) return hit.value;
  const res = await fetch(
    `http://localhost:${EXTENSION_PORT}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`,
    { headers: { "X-Aws-Parameters-Secrets-Token": env.AWS_SESSION_TOKEN ?? "" } },
  );
  if (!res.ok) throw new InternalError(`Secret ${name} could not be read (${res.status}).`);
  const { SecretString } = (await res.json()) as { SecretString?: string };
  if (!SecretString) throw new InternalError(`Secret ${name} has no string value.`);
  cache.set(arn, { value: SecretString, until: Date.now() + CACHE_MS });
  return SecretString;
}
