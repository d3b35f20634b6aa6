import type { StateStore, User, UserManager, UserManagerSettings } from "oidc-client-ts";
import { loadConfig, type OidcConfig } from "../config.ts";
import { session } from "../session.ts";
import { parseIdentityClaims, type IdentityClaims } from "./claim-mapping.ts";
import { applicantSignedInFromIdToken, backPath, signedInFromIdToken, type SignedIn } from "./claims.ts";

/**
 * Sign-in in AWS (issue 18) through oidc-client-ts, with the authorization code flow and PKCE. Its state (the PKCE
 * verifier) and the tokens stay in session storage, gone with the tab. The API gets the ID token: only it carries the
 * role and scope claims, and the API's authorizer accepts the site's client id as its audience.
 *
 * Two kinds of identity provider (issue 23): Cognito's managed login (config.json names its `hostedUiDomain`), whose
 * revocation and sign-out live on that domain outside its discovery document; or a standard OpenID Connect provider —
 * in the China regions, where there is no Cognito, the city's unified identity platform — whose discovery document
 * names whatever endpoints it has, and which is spoken to in the standard's words only.
 */

/** The settings of a site's UserManager (pure, so the test sees what the browser gets). */
export function userManagerSettings(
  oidc: OidcConfig,
  store: StateStore,
  language = "zh-CN",
): UserManagerSettings {
  return {
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: oidc.redirectUri,
    post_logout_redirect_uri: oidc.postLogoutRedirectUri,
    // The authorization code flow; oidc-client-ts adds PKCE (S256) to it unless told not to.
    response_type: "code",
    scope: oidc.scope,
    userStore: store,
    stateStore: store,
    // Everything the sites need is in the ID token: the API reads that token, and the sites read it as the API does.
    loadUserInfo: false,
    // Renew with the refresh token before the ID token expires, so a working session does not stop every hour.
    automaticSilentRenew: true,
    revokeTokenTypes: ["refresh_token"],
    ...(oidc.hostedUiDomain
      ? {
          // The managed login's pages in the site's language (Cognito's own parameter): Chinese, or English for the
          // portal's foreign applicants.
          extraQueryParams: { lang: language },
          // Cognito's discovery document does not name its revocation endpoint; it is on the managed login's domain.
          metadataSeed: { revocation_endpoint: `${oidc.hostedUiDomain}/oauth2/revoke` },
        }
      : // A standard provider: the language as OpenID Connect Core 1.0 (§3.1.2.1) asks for it; the revocation and
        // end-session endpoints as its discovery document names them, or none.
        { ui_locales: language }),
  };
}

/**
 * Cognito's own sign-out (not the OIDC end-session endpoint, which it does not have): it ends the managed login's
 * session too, so the next sign-in asks for the password again, and returns to the site.
 */
export function logoutUrl(oidc: OidcConfig & { hostedUiDomain: string }): string {
  const url = new URL("/logout", oidc.hostedUiDomain);
  url.searchParams.set("client_id", oidc.clientId);
  url.searchParams.set("logout_uri", oidc.postLogoutRedirectUri);
  return url.toString();
}

/**
 * Sign out of the identity provider, once the site has forgotten its session: revoke the refresh token where the
 * provider has a revocation endpoint (best effort — it leaves session storage either way), then
 * - Cognito: its /logout, which returns to the site;
 * - a standard provider with an end-session endpoint: RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0),
 *   with the ID token as `id_token_hint` — so the provider ends the session without asking whose — and the site's
 *   signed-out page as `post_logout_redirect_uri`;
 * - a provider without one: nothing to end there; forget the tokens and go to the signed-out page.
 * `idTokenHint` names the user when oidc-client-ts no longer holds them (a token the site refused at sign-in).
 * `leave` navigates away from the site (window.location.assign in the browser).
 */
export async function signOutOf(
  manager: UserManager,
  oidc: OidcConfig,
  leave: (url: string) => void,
  { language = "zh-CN", idTokenHint }: { language?: string; idTokenHint?: string } = {},
): Promise<void> {
  const { metadataService } = manager;
  // Optional: undefined when the provider names no revocation endpoint. A discovery document out of reach throws.
  const revocation = await metadataService.getRevocationEndpoint().catch(() => undefined);
  if (revocation) await manager.revokeTokens().catch(() => undefined);
  const { hostedUiDomain } = oidc;
  if (hostedUiDomain) {
    await manager.removeUser();
    leave(logoutUrl({ ...oidc, hostedUiDomain }));
    return;
  }
  const endSession = await metadataService.getEndSessionEndpoint().catch(() => undefined);
  if (endSession) {
    try {
      // Takes the ID token from the stored user, removes the user, then navigates to the end-session endpoint.
      await manager.signoutRedirect({
        ...(idTokenHint ? { id_token_hint: idTokenHint } : {}),
        // RP-Initiated Logout 1.0 §2: the provider's pages in the site's language, as at sign-in.
        extraQueryParams: { ui_locales: language },
      });
      return;
    } catch {
      // The request could not be built (the discovery document became unreachable): sign out here at least.
    }
  }
  await manager.removeUser();
  leave(oidc.postLogoutRedirectUri);
}

/**
 * The token names nobody the site serves — in the console no staff member (an applicant's account, or staff without a
 * center), in the portal no applicant: the API would refuse it there.
 */
export class NotStaffError extends Error {
  constructor() {
    super("The ID token names no staff member with a center.");
    this.name = "NotStaffError";
  }
}

export interface OidcSignIn {
  /** To the identity provider's sign-in; back at `back` (a site path) once signed in. */
  signIn(back: string): Promise<void>;
  /** On /callback: exchange the code, open the session, and say where to go back to. */
  completeSignIn(): Promise<string>;
  /** Revoke the refresh token, forget the session, and sign out of the identity provider too. */
  signOut(): Promise<void>;
}

/**
 * Whom a site is for: the session an ID token opens there, its claims read under the provider's mapping, or undefined
 * for an account it does not serve.
 */
type ToSession = (idToken: string, mapping?: IdentityClaims) => SignedIn | undefined;

async function start(oidc: OidcConfig, toSession: ToSession, language = "zh-CN"): Promise<OidcSignIn> {
  // The claims the API reads (IDENTITY_CLAIMS); a mapping the API would refuse stops here, before any sign-in.
  const mapping = parseIdentityClaims(oidc.claims);
  /** Keep the renewed or new ID token as the site's session (session.ts). */
  const keep = (user: User) => {
    const signedIn = user.id_token ? toSession(user.id_token, mapping) : undefined;
    if (!signedIn) throw new NotStaffError();
    session.signIn(signedIn);
  };
  // Loaded only in AWS: under `npm start` the sites never download the OIDC client.
  const { UserManager, WebStorageStateStore } = await import("oidc-client-ts");
  const manager: UserManager = new UserManager(
    userManagerSettings(oidc, new WebStorageStateStore({ store: window.sessionStorage }), language),
  );
  manager.events.addUserLoaded((user) => {
    try {
      keep(user);
    } catch {
      // A renewed token that no longer names staff (the account was changed): the next call's 401 signs out.
    }
  });
  // Arms the renewal timers for a user signed in before this page load.
  await manager.getUser(true);
  /** The ID token of an account the site refused at sign-in, for the provider's sign-out (see signOutOf). */
  let refused: string | undefined;

  return {
    signIn: (back) => manager.signinRedirect({ state: { back } }),
    async completeSignIn() {
      const user = await manager.signinRedirectCallback();
      try {
        keep(user);
      } catch (error) {
        await manager.removeUser();
        // The provider's session still names this account: signing out of it needs its ID token as the hint.
        refused = user.id_token;
        throw error;
      }
      return backPath(user.state);
    },
    async signOut() {
      session.signOut();
      await signOutOf(manager, oidc, (url) => window.location.assign(url), {
        language,
        ...(refused ? { idTokenHint: refused } : {}),
      });
    },
  };
}

let started: Promise<OidcSignIn | undefined> | undefined;

/**
 * Sign-in through the identity provider when config.json says the console is in AWS, or undefined locally (the seeded
 * users' page). Started once per page load; call it at startup so a signed-in user's token keeps being renewed.
 */
export function oidcSignIn(): Promise<OidcSignIn | undefined> {
  started ??= loadConfig().then((config) => (config ? start(config.oidc, signedInFromIdToken) : undefined));
  return started;
}

let portalStarted: Promise<OidcSignIn | undefined> | undefined;

/**
 * The applicants' portal's sign-in (issue 19): the same identity provider through the portal's own client, opening a
 * session only for an applicant's account; the provider's pages in the portal's language. Undefined locally.
 */
export function portalSignIn(language: string): Promise<OidcSignIn | undefined> {
  portalStarted ??= loadConfig().then((config) =>
    config?.portal ? start(config.portal, applicantSignedInFromIdToken, language) : undefined,
  );
  return portalStarted;
}
