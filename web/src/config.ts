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
  /** The issuer of the tokens (the Cognito user pool, or an external provider's): OIDC discovery starts there. */
  authority: string;
  clientId: string;
  /**
   * Cognito's managed login's origin: its /logout ends the sign-in session there too. Absent for a standard OpenID
   * Connect provider (target aws-cn, issue 23), whose discovery document names its end-session endpoint.
   */
  hostedUiDomain?: string;
  /** Which claims carry role, scope and identity (IDENTITY_CLAIMS' JSON, shared/auth/claims.ts); absent: the defaults. */
  claims?: string;
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
  "redirectUri",
  "postLogoutRedirectUri",
  "scope",
] as const satisfies readonly (keyof OidcConfig)[];
/** Settings a provider may go without. */
const OPTIONAL_OIDC_KEYS = ["hostedUiDomain", "claims"] as const satisfies readonly (keyof OidcConfig)[];

/** The configuration if `value` has every setting as a non-empty string, else undefined. */
export function parseConfig(value: unknown): ConsoleConfig | undefined {
  const v = value as Partial<ConsoleConfig> | null;
  const filled = (x: unknown): x is string => typeof x === "string" && x !== "";
  if (!v || !filled(v.apiUrl) || !v.oidc || !OIDC_KEYS.every((k) => filled(v.oidc?.[k]))) return undefined;
  const pick = (o: Partial<OidcConfig>): OidcConfig => ({
    ...(Object.fromEntries(OIDC_KEYS.map((k) => [k, o[k]])) as Record<(typeof OIDC_KEYS)[number], string>),
    ...Object.fromEntries(OPTIONAL_OIDC_KEYS.filter((k) => filled(o[k])).map((k) => [k, o[k]])),
  });
  const portal = v.portal && OIDC_KEYS.every((k) => filled(v.portal?.[k])) ? pick(v.portal) : undefined;
  return { apiUrl: v.apiUrl, oidc: pick(v.oidc), ...(portal ? { portal } : {}) };
}

/** For tests: forget the fetched configuration. */
export function resetConfig(): void {
  loading = undefined;
}
