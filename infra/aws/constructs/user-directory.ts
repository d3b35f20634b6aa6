import { Aws, Duration, Fn, Lazy, RemovalPolicy, Stack } from "aws-cdk-lib";
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import type { Identity } from "./identity.ts";

/** The claims DESIGN.md's principal needs beyond `sub`; Cognito puts them in the ID token as `custom:<name>`. */
const SCOPE_ATTRIBUTES = ["role", "centerId", "departmentId"] as const;

/**
 * An applicant's real-name verified identity and the organisations they are verified for (issue 15). Only the
 * identity verification backend writes them (AdminUpdateUserAttributes after the check against the public security
 * identity service): the SPA client can read them, never write them, so nobody applies under another's ID number.
 */
const IDENTITY_ATTRIBUTES = { verifiedIdNumber: 18, verifiedName: 50, organisations: 2048 } as const;

/** The scopes the console asks the managed login for; `openid` puts every attribute the client reads in the ID token. */
export const CONSOLE_SCOPES = [OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.EMAIL];

export interface UserDirectoryProps {
  /**
   * The managed login's domain prefix, `https://<prefix>.auth.<region>.amazoncognito.com` (CDK context
   * `cognitoDomainPrefix`). Unique per region across all of AWS; lowercase letters, digits and hyphens, and none of
   * "aws", "amazon" or "cognito".
   * @default the stack's name, lowercased, and the first group of its stack id: unique without a choice to make
   */
  readonly domainPrefix?: string;
  /**
   * IDENTITY_CLAIMS (shared/auth/claims.ts), when the pool's tokens are to be read otherwise than by the default
   * mapping (CDK context `oidcClaims`).
   * @default none: Cognito's `custom:` attributes
   */
  readonly claims?: string;
}

/**
 * The Cognito user pool that issues the API's tokens, its clients — the SPA's, and the staff console's once
 * `addConsoleClient` is called — and the managed login (hosted UI) the console signs in through. The API (and each HTTP
 * function, again) verifies ID tokens, because only they carry `custom:role`, `custom:centerId` and
 * `custom:departmentId`.
 */
export class UserDirectory extends Construct implements Identity {
  readonly pool: UserPool;
  readonly client: UserPoolClient;
  /** The managed login: sign-in pages, and the OAuth endpoints (authorize, token, logout, revoke). */
  readonly domain: UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly loginUrl: string;
  /** `iss` of the pool's tokens. */
  readonly issuer: string;
  /** Every client whose ID tokens the API accepts (their ids are the tokens' `aud`). */
  private readonly clients: UserPoolClient[] = [];
  readonly scope = CONSOLE_SCOPES.map((s) => s.scopeName).join(" ");
  readonly claims?: string;

  constructor(scope: Construct, id: string, props: UserDirectoryProps = {}) {
    super(scope, id);
    if (props.claims !== undefined) this.claims = props.claims;
    this.pool = new UserPool(this, "Pool", {
      // Accounts are opened by administrators, who also set role and scope. Applicant self-registration would need a
      // post-confirmation trigger that sets custom:role to "applicant"; the SPA client can never write it.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      customAttributes: {
        ...Object.fromEntries(
          // Mutable so an administrator can move a clerk to another center or change a role.
          SCOPE_ATTRIBUTES.map((name) => [
            name,
            new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
          ]),
        ),
        // Mutable: a name changes, an organisation is added or left; only the verification backend writes them.
        ...Object.fromEntries(
          Object.entries(IDENTITY_ATTRIBUTES).map(([name, maxLen]) => [
            name,
            new StringAttribute({ mutable: true, minLen: 1, maxLen }),
          ]),
        ),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Staff decide on citizens' applications and see their personal data: a password alone is not enough.
      // Authenticator apps only — SMS needs an SNS spending limit and a sender registration per region.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: compromised-credential checks and adaptive blocking of risky sign-ins, enforced rather than audited.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.pool.addClient("SpaClient", {
      // A browser cannot keep a secret.
      generateSecret: false,
      // The SPA signs in with SRP against the pool; no hosted UI, so no OAuth flows (CDK would enable implicit grant).
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...SCOPE_ATTRIBUTES, ...Object.keys(IDENTITY_ATTRIBUTES)),
      // Role, scope and identity are absent on purpose: users must not grant themselves a role, another center, or
      // another person's identity.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    this.clients.push(this.client);

    this.issuer = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.pool.userPoolId}`;

    // The stack id's last part is a UUID; its first group is enough to keep the prefix unique without a choice to make.
    const stackUuid = Fn.select(2, Fn.split("/", Aws.STACK_ID));
    const derivedPrefix = Fn.join("-", [
      Stack.of(this).stackName.toLowerCase(),
      Fn.select(0, Fn.split("-", stackUuid)),
    ]);
    this.domain = this.pool.addDomain("Login", {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? derivedPrefix },
      // The managed login speaks Chinese (the console asks for `lang=zh-CN`); the classic hosted UI only English.
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.loginUrl = this.domain.baseUrl();
  }

  /**
   * The staff console's client: the managed login with the authorization code flow and PKCE, for a single-page app
   * served at `origin` (`https://…`, no trailing slash). Its redirect and sign-out URLs are the console's own.
   */
  addConsoleClient(origin: string, paths: { callback: string; signedOut: string }): UserPoolClient {
    // The principal's claims and a name to show; not the applicants' verified identity, which staff tokens never use.
    return this.addSpaClient("Console", origin, paths, SCOPE_ATTRIBUTES);
  }

  /**
   * The applicants' portal's client (issue 19): the same managed login and flow, its own redirect URLs, and the claims
   * an applicant applies under — the verified identity and organisations (read-only: only the verification backend
   * writes them). A separate client, so a portal token never names the console's audience in logs and either can be
   * turned off alone.
   */
  addPortalClient(origin: string, paths: { callback: string; signedOut: string }): UserPoolClient {
    return this.addSpaClient("Portal", origin, paths, [
      ...SCOPE_ATTRIBUTES,
      ...Object.keys(IDENTITY_ATTRIBUTES),
    ]);
  }

  private addSpaClient(
    name: "Console" | "Portal",
    origin: string,
    paths: { callback: string; signedOut: string },
    customAttributes: readonly string[],
  ): UserPoolClient {
    const client = this.pool.addClient(`${name}Client`, {
      // A browser cannot keep a secret: PKCE (which oidc-client-ts always sends) protects the code instead.
      generateSecret: false,
      // Sign-in only through the managed login, where MFA and threat protection apply: no SRP or password flow for
      // this client id through the API. CDK then allows the refresh token flow alone (it must list something).
      authFlows: { userSrp: false },
      oAuth: {
        // Never the implicit grant, which hands tokens over in the URL.
        flows: { authorizationCodeGrant: true },
        // Not aws.cognito.signin.user.admin: the SPA's access token cannot change its user's attributes.
        scopes: CONSOLE_SCOPES,
        callbackUrls: [`${origin}${paths.callback}`],
        logoutUrls: [`${origin}${paths.signedOut}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      // As the SPA's; the refresh token (session storage only, revoked at sign-out) lasts a working day, so the
      // site renews its token without asking for the password and MFA code every hour.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...customAttributes),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    this.clients.push(client);
    // The managed login needs a style for each client that uses it; Cognito's own is enough.
    new CfnManagedLoginBranding(this, `${name}LoginStyle`, {
      userPoolId: this.pool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    return client;
  }

  /**
   * The ids of every client, as the API's JWT authorizer lists its audiences. Resolved at synth: the console's client
   * needs the console's distribution, which needs the API, so it is added after the API and its authorizer exist.
   */
  get audiences(): string[] {
    return Lazy.list({ produce: () => this.clients.map((c) => c.userPoolClientId) });
  }

  /** The variables shared/auth/jwt.ts reads in every HTTP function (JWT_AUDIENCE: the client ids, comma-separated). */
  get authEnvironment(): Record<string, string> {
    return {
      JWT_ISSUER: this.issuer,
      JWT_AUDIENCE: Lazy.string({
        produce: () =>
          Fn.join(
            ",",
            this.clients.map((c) => c.userPoolClientId),
          ),
      }),
      JWKS_URL: `${this.issuer}/.well-known/jwks.json`,
      ...(this.claims ? { IDENTITY_CLAIMS: this.claims } : {}),
    };
  }

  /** Cognito's API (the SPA's SRP sign-in) and the managed login's pages. */
  get signInOrigins(): string[] {
    return [`https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`, this.loginUrl];
  }
}
