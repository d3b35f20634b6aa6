/**
 * The console's runtime configuration: `/console/config.json`, written at deploy by the AWS hosting
 * (infra/aws/constructs/console-hosting.ts, which builds this type). Under `npm start` there is none — the console
 * signs in through the local runtime's seeded users — so its absence means local mode, not an error.
 *
 * No DOM types here: the CDK app (compiled with the root tsconfig, no DOM library) imports the type.
 */
export interface ConsoleConfig {
  /** Where the API is: the console's own origin (CloudFront serves it under /v1/). */
  apiUrl: string;
  oidc: OidcConfig;
  /** The applicants' portal's sign-in (issue 19): its own client and redirect URLs, the same identity provider. */
  portal?: OidcConfig;
}

export interface OidcConfig {
  /** The issuer of the tokens (the Cognito user pool): OIDC discovery starts there. */
  authority: string;
  clientId: string;
  /** The managed login's origin: its /logout ends the sign-in session there too. */
  hostedUiDomain: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  scope: string;
}

const CONFIG_URL = "/console/config.json";

let loading: Promise<ConsoleConfig | undefined> | undefined;

/**
 * The configuration, fetched once per page load. Locally the console's fallback answers config.json with index.html,
 * so anything that is not a JSON object with the OIDC settings is local mode too; a network failure is not (it would
 * sign people in locally in AWS), and rejects.
 */
export function loadConfig(fetchConfig: typeof fetch = fetch): Promise<ConsoleConfig | undefined> {
  loading ??= (async () => {
    const res = await fetchConfig(CONFIG_URL, { cache: "no-cache" });
    if (!res.ok || !res.headers.get("content-type")?.includes("json")) return undefined;
    return parseConfig(await res.json());
  })();
  return loading;
}

const OIDC_KEYS = [
  "authority",
  "clientId",
  "hostedUiDomain",
  "redirectUri",
  "postLogoutRedirectUri",
  "scope",
] as const satisfies readonly (keyof OidcConfig)[];

/** The configuration if `value` has every setting as a non-empty string, else undefined. */
export function parseConfig(value: unknown): ConsoleConfig | undefined {
  const v = value as Partial<ConsoleConfig> | null;
  const filled = (x: unknown): x is string => typeof x === "string" && x !== "";
  if (!v || !filled(v.apiUrl) || !v.oidc || !OIDC_KEYS.every((k) => filled(v.oidc?.[k]))) return undefined;
  const pick = (o: Partial<OidcConfig>) =>
    Object.fromEntries(OIDC_KEYS.map((k) => [k, o[k]])) as Record<keyof OidcConfig, string>;
  const portal = v.portal && OIDC_KEYS.every((k) => filled(v.portal?.[k])) ? pick(v.portal) : undefined;
  return { apiUrl: v.apiUrl, oidc: pick(v.oidc), ...(portal ? { portal } : {}) };
}

/** For tests: forget the fetched configuration. */
export function resetConfig(): void {
  loading = undefined;
}
