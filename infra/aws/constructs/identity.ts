import { Fn } from "aws-cdk-lib";

/**
 * Who signs people in, as the rest of the app needs it: the API's JWT authorizer (issuer, audiences), every HTTP
 * function's verification settings (shared/auth/jwt.ts), and the console's and portal's sign-in (config.json, the
 * content security policy). Two kinds (issue 23): the stack's own Cognito user pool (UserDirectory, target `aws`), or
 * an external OpenID Connect provider the stack only points at (ExternalIdentity, target `aws-cn`, where Cognito user
 * pools are not offered — in Beijing the city's unified identity platform).
 */
export interface Identity {
  /** `iss` of the ID tokens the API accepts. */
  readonly issuer: string;
  /** Their `aud`: the client ids whose ID tokens the API accepts. */
  readonly audiences: string[];
  /** JWT_ISSUER, JWT_AUDIENCE, JWKS_URL and, where configured, JWT_ALGORITHMS and IDENTITY_CLAIMS. */
  readonly authEnvironment: Record<string, string>;
  /** Origins a page reaches while signing in (the console's content security policy, `connect-src`). */
  readonly signInOrigins: string[];
  /** The scopes the sites ask for. */
  readonly scope: string;
  /** The claim mapping (IDENTITY_CLAIMS' JSON), for the sites to read tokens as the API does; none: the defaults. */
  readonly claims?: string;
}

export interface ExternalIdentityProps {
  readonly issuer: string;
  readonly jwksUrl: string;
  /** The console's client id first, the portal's second (the console's serves both when there is one). */
  readonly audience: readonly string[];
  /** IDENTITY_CLAIMS (shared/auth/claims.ts): which claims carry role, scope and identity. */
  readonly claims?: string;
}

/**
 * An OpenID Connect provider outside the stack. Nothing is created: its clients (the console's and the portal's, with
 * their redirect URLs) are registered with the provider by its operators, and the API only needs to trust its tokens.
 * RS256 only: API Gateway's JWT authorizer accepts RSA keys, and each function refuses any other algorithm too, so a
 * token the authorizer would not have passed is not accepted by a function either.
 */
export class ExternalIdentity implements Identity {
  readonly issuer: string;
  readonly audiences: string[];
  readonly signInOrigins: string[];
  /** `offline_access`: a refresh token, so a working session renews without sending the user to sign in again. */
  readonly scope = "openid profile offline_access";
  readonly claims?: string;
  readonly consoleClientId: string;
  readonly portalClientId: string;
  private readonly jwksUrl: string;

  constructor(props: ExternalIdentityProps) {
    if (!props.audience.length)
      throw new Error("ExternalIdentity: at least one client id (audience) is required");
    this.issuer = props.issuer;
    this.jwksUrl = props.jwksUrl;
    this.audiences = [...props.audience];
    this.consoleClientId = props.audience[0]!;
    this.portalClientId = props.audience[1] ?? props.audience[0]!;
    this.signInOrigins = [...new Set([new URL(props.issuer).origin, new URL(props.jwksUrl).origin])];
    if (props.claims !== undefined) this.claims = props.claims;
  }

  get authEnvironment(): Record<string, string> {
    return {
      JWT_ISSUER: this.issuer,
      JWT_AUDIENCE: Fn.join(",", this.audiences),
      JWKS_URL: this.jwksUrl,
      JWT_ALGORITHMS: "RS256",
      ...(this.claims ? { IDENTITY_CLAIMS: this.claims } : {}),
    };
  }
}
