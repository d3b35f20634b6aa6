import type { StateStore, User, UserManager, UserManagerSettings } from "oidc-client-ts";
import { loadConfig, type OidcConfig } from "../config.ts";
import { session } from "../session.ts";
import { applicantSignedInFromIdToken, backPath, signedInFromIdToken, type SignedIn } from "./claims.ts";

/**
 * Sign-in in AWS (issue 18): the Cognito managed login with the authorization code flow and PKCE, through
 * oidc-client-ts. Its state (the PKCE verifier) and the tokens stay in session storage, gone with the tab. The API gets
 * the ID token: only it carries the role and scope claims (custom attributes), and the API's authorizer accepts the
 * console's client id as its audience.
 */

/** The settings of the console's UserManager (pure, so the test sees what the browser gets). */
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
    // Everything the console needs is in the ID token.
    loadUserInfo: false,
    // Renew with the refresh token before the ID token expires, so a working session does not stop every hour.
    automaticSilentRenew: true,
    // The managed login's pages in the site's language: Chinese, or English for the portal's foreign applicants.
    extraQueryParams: { lang: language },
    // Cognito's discovery document does not name its revocation endpoint; it is on the managed login's domain.
    metadataSeed: { revocation_endpoint: `${oidc.hostedUiDomain}/oauth2/revoke` },
    revokeTokenTypes: ["refresh_token"],
  };
}

/**
 * Cognito's own sign-out (not the OIDC end-session endpoint, which it does not have): it ends the managed login's
 * session too, so the next sign-in asks for the password again, and returns to the console.
 */
export function logoutUrl(oidc: OidcConfig): string {
  const url = new URL("/logout", oidc.hostedUiDomain);
  url.searchParams.set("client_id", oidc.clientId);
  url.searchParams.set("logout_uri", oidc.postLogoutRedirectUri);
  return url.toString();
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
  /** To the managed login; back at `back` (a console path) once signed in. */
  signIn(back: string): Promise<void>;
  /** On /callback: exchange the code, open the session, and say where to go back to. */
  completeSignIn(): Promise<string>;
  /** Revoke the refresh token, forget the session, and sign out of the managed login too. */
  signOut(): Promise<void>;
}

/** Whom a site is for: the session an ID token opens there, or undefined for an account it does not serve. */
type ToSession = (idToken: string) => SignedIn | undefined;

async function start(oidc: OidcConfig, toSession: ToSession, language = "zh-CN"): Promise<OidcSignIn> {
  /** Keep the renewed or new ID token as the site's session (session.ts). */
  const keep = (user: User) => {
    const signedIn = user.id_token ? toSession(user.id_token) : undefined;
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

  return {
    signIn: (back) => manager.signinRedirect({ state: { back } }),
    async completeSignIn() {
      const user = await manager.signinRedirectCallback();
      try {
        keep(user);
      } catch (error) {
        await manager.removeUser();
        throw error;
      }
      return backPath(user.state);
    },
    async signOut() {
      // Best effort: the refresh token is dropped from session storage either way.
      await manager.revokeTokens().catch(() => undefined);
      await manager.removeUser();
      session.signOut();
      window.location.assign(logoutUrl(oidc));
    },
  };
}

let started: Promise<OidcSignIn | undefined> | undefined;

/**
 * Sign-in through the managed login when config.json says the console is in AWS, or undefined locally (the seeded
 * users' page). Started once per page load; call it at startup so a signed-in user's token keeps being renewed.
 */
export function oidcSignIn(): Promise<OidcSignIn | undefined> {
  started ??= loadConfig().then((config) => (config ? start(config.oidc, signedInFromIdToken) : undefined));
  return started;
}

let portalStarted: Promise<OidcSignIn | undefined> | undefined;

/**
 * The applicants' portal's sign-in (issue 19): the same identity provider through the portal's own client, opening a
 * session only for an applicant's account; the managed login in the portal's language. Undefined locally.
 */
export function portalSignIn(language: string): Promise<OidcSignIn | undefined> {
  portalStarted ??= loadConfig().then((config) =>
    config?.portal ? start(config.portal, applicantSignedInFromIdToken, language) : undefined,
  );
  return portalStarted;
}
