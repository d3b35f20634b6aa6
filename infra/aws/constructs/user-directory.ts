import { Aws, Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";

/** The claims DESIGN.md's principal needs beyond `sub`; Cognito puts them in the ID token as `custom:<name>`. */
const SCOPE_ATTRIBUTES = ["role", "centerId", "departmentId"] as const;

/**
 * An applicant's real-name verified identity and the organisations they are verified for (issue 15). Only the
 * identity verification backend writes them (AdminUpdateUserAttributes after the check against the public security
 * identity service): the SPA client can read them, never write them, so nobody applies under another's ID number.
 */
const IDENTITY_ATTRIBUTES = { verifiedIdNumber: 18, verifiedName: 50, organisations: 2048 } as const;

/**
 * The Cognito user pool that issues the API's tokens, and the SPA's client. The API (and each HTTP function, again)
 * verifies ID tokens, because only they carry `custom:role`, `custom:centerId` and `custom:departmentId`.
 */
export class UserDirectory extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;
  /** `iss` of the pool's tokens. */
  readonly issuer: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
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

    this.issuer = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.pool.userPoolId}`;
  }

  /** The variables shared/auth/jwt.ts reads in every HTTP function. */
  get authEnvironment(): Record<string, string> {
    return {
      JWT_ISSUER: this.issuer,
      JWT_AUDIENCE: this.client.userPoolClientId,
      JWKS_URL: `${this.issuer}/.well-known/jwks.json`,
    };
  }
}
