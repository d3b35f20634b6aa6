import { createServer, type Server } from "node:http";
import {
  InMemoryWebStorage,
  User,
  UserManager,
  WebStorageStateStore,
  type INavigator,
  type StateStore,
} from "oidc-client-ts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OidcConfig } from "../config.ts";
import { logoutUrl, signOutOf, userManagerSettings } from "./oidc.ts";
import { sampleConfig, sampleStandardConfig } from "./sample-config.ts";

const { oidc } = sampleConfig;
const store = {} as StateStore;

describe("the sites' OIDC client", () => {
  it.each([
    ["Cognito's managed login", oidc],
    ["a standard OpenID Connect provider", sampleStandardConfig.oidc],
  ])(
    "uses the authorization code flow (with PKCE) with %s and keeps its state and tokens in the given store",
    (_, config) => {
      const settings = userManagerSettings(config, store);
      expect(settings).toMatchObject({
        authority: config.authority,
        client_id: config.clientId,
        redirect_uri: config.redirectUri,
        post_logout_redirect_uri: config.postLogoutRedirectUri,
        response_type: "code",
        scope: config.scope,
        userStore: store,
        stateStore: store,
        revokeTokenTypes: ["refresh_token"],
      });
      expect(settings.disablePKCE).toBeUndefined();
    },
  );

  it("asks the managed login for Chinese, and revokes the refresh token at the login domain", () => {
    const settings = userManagerSettings(oidc, store);
    expect(settings.extraQueryParams).toEqual({ lang: "zh-CN" });
    expect(settings.ui_locales).toBeUndefined();
    expect(settings.metadataSeed).toEqual({ revocation_endpoint: `${oidc.hostedUiDomain}/oauth2/revoke` });
  });

  it("asks a standard provider for the site's language in the standard's words, and seeds none of its endpoints", () => {
    const settings = userManagerSettings(sampleStandardConfig.oidc, store, "en");
    expect(settings.ui_locales).toBe("en");
    expect(settings.extraQueryParams).toBeUndefined();
    expect(settings.metadataSeed).toBeUndefined();
    expect(settings.metadata).toBeUndefined();
  });

  it("signs out through Cognito's logout, back to the console", () => {
    const url = new URL(logoutUrl({ ...oidc, hostedUiDomain: oidc.hostedUiDomain! }));
    expect(url.origin + url.pathname).toBe(`${oidc.hostedUiDomain}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "client123",
      logout_uri: "https://d111.cloudfront.net/console/",
    });
  });
});

/**
 * Sign-out against identity providers served from this process: oidc-client-ts reads their discovery documents and
 * posts the revocations over HTTP, as in the browser; only the navigation away from the page is captured.
 */
describe("signing out", () => {
  let server: Server;
  let base: string;
  /** What the providers received: each request's path and its form. */
  let received: { path: string; form: Record<string, string> }[];

  /** Discovery documents by provider: Cognito's (no revocation or end-session endpoint), a full one, a bare one. */
  const discovery = (provider: string): Record<string, string> => {
    const issuer = `${base}/${provider}`;
    const common = {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
    };
    return provider === "full"
      ? { ...common, revocation_endpoint: `${issuer}/revoke`, end_session_endpoint: `${issuer}/end-session` }
      : common;
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const path = new URL(req.url ?? "/", base).pathname;
        const provider = /^\/(\w+)\/\.well-known\/openid-configuration$/.exec(path)?.[1];
        if (req.method === "GET" && provider) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(discovery(provider)));
          return;
        }
        received.push({ path, form: Object.fromEntries(new URLSearchParams(body)) });
        res.writeHead(200);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received = [];
  });

  const config = (provider: string, hostedUi: boolean): OidcConfig => ({
    ...sampleStandardConfig.oidc,
    authority: `${base}/${provider}`,
    ...(hostedUi ? { hostedUiDomain: base } : {}),
  });

  /** A UserManager with a signed-in user, as the site builds it, whose navigations are captured. */
  async function signedIn(settings: OidcConfig, language = "zh-CN") {
    const navigated: string[] = [];
    const navigator: INavigator = {
      prepare: () =>
        Promise.resolve({
          navigate: ({ url }) => {
            navigated.push(url);
            return Promise.resolve({ url });
          },
          close: () => undefined,
        }),
      callback: () => Promise.resolve(),
    };
    const storage = new WebStorageStateStore({ store: new InMemoryWebStorage() });
    const manager = new UserManager(
      { ...userManagerSettings(settings, storage, language), automaticSilentRenew: false },
      navigator,
    );
    const now = Math.floor(Date.now() / 1000);
    await manager.storeUser(
      new User({
        id_token: "header.id-token.signature",
        access_token: "access-token",
        refresh_token: "refresh-token",
        token_type: "Bearer",
        profile: { iss: settings.authority, sub: "u1", aud: settings.clientId, exp: now + 3600, iat: now },
        expires_at: now + 3600,
      }),
    );
    const left: string[] = [];
    return { manager, navigated, left, leave: (url: string) => void left.push(url) };
  }

  it("with Cognito: revokes the refresh token at the managed login and leaves through its /logout", async () => {
    const settings = config("cognito", true);
    const { manager, navigated, left, leave } = await signedIn(settings);
    await signOutOf(manager, settings, leave);
    expect(received).toEqual([
      {
        path: "/oauth2/revoke",
        form: { token: "refresh-token", token_type_hint: "refresh_token", client_id: settings.clientId },
      },
    ]);
    expect(left).toEqual([logoutUrl({ ...settings, hostedUiDomain: base })]);
    expect(navigated).toEqual([]);
    expect(await manager.getUser()).toBeNull();
  });

  it("with a standard provider: revokes at its revocation endpoint and logs out there with the ID token as the hint", async () => {
    const settings = config("full", false);
    const { manager, navigated, left, leave } = await signedIn(settings, "en");
    await signOutOf(manager, settings, leave, { language: "en" });
    expect(received).toEqual([
      {
        path: "/full/revoke",
        form: { token: "refresh-token", token_type_hint: "refresh_token", client_id: settings.clientId },
      },
    ]);
    expect(left).toEqual([]);
    expect(navigated).toHaveLength(1);
    const url = new URL(navigated[0]!);
    expect(url.origin + url.pathname).toBe(`${base}/full/end-session`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      id_token_hint: "header.id-token.signature",
      post_logout_redirect_uri: settings.postLogoutRedirectUri,
      ui_locales: "en",
    });
    expect(await manager.getUser()).toBeNull();
  });

  it("with a standard provider: names an account the site refused, whose user oidc-client-ts no longer holds", async () => {
    const settings = config("full", false);
    const { manager, navigated, leave } = await signedIn(settings);
    await manager.removeUser();
    await signOutOf(manager, settings, leave, { idTokenHint: "refused.id-token.signature" });
    expect(received).toEqual([]);
    expect(new URL(navigated[0]!).searchParams.get("id_token_hint")).toBe("refused.id-token.signature");
  });

  it("with a provider that names neither endpoint: revokes nothing, forgets the tokens and goes to the signed-out page", async () => {
    const settings = config("bare", false);
    const { manager, navigated, left, leave } = await signedIn(settings);
    await signOutOf(manager, settings, leave);
    expect(received).toEqual([]);
    expect(navigated).toEqual([]);
    expect(left).toEqual([settings.postLogoutRedirectUri]);
    expect(await manager.getUser()).toBeNull();
  });

  it("with a provider out of reach: still forgets the tokens and goes to the signed-out page", async () => {
    const settings = { ...config("full", false), authority: "http://127.0.0.1:9/nowhere" };
    const { manager, navigated, left, leave } = await signedIn(settings);
    await signOutOf(manager, settings, leave);
    expect(navigated).toEqual([]);
    expect(left).toEqual([settings.postLogoutRedirectUri]);
    expect(await manager.getUser()).toBeNull();
  });
});
