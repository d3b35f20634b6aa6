import { fromEnv } from "@aws-sdk/credential-provider-env";

/**
 * What a Lambda function's bundle uses in place of the SDK's default credential chain (issue 21): the runtime gives a
 * function its role's credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN),
 * so the chain's SSO, STS, web-identity, ini-file and process providers (about 90 KiB, and their load time) are never
 * used there. esbuild swaps this module in for `@aws-sdk/credential-provider-node` (BUNDLE_ALIASES in
 * infra/aws/constructs/service-function.ts); the local runtime, which does not bundle, keeps the SDK's chain.
 * The same exports as the module it replaces, so the SDK clients' runtime configuration imports it unchanged.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
type Expiring = { expiration?: Date } | undefined;
/** Temporary credentials (a role's) carry an expiration: the client refreshes them five minutes before it. */
export const credentialsWillNeedRefresh = (credentials: Expiring) => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials: Expiring) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
