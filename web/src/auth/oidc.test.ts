import type { StateStore } from "oidc-client-ts";
import { describe, expect, it } from "vitest";
import { logoutUrl, userManagerSettings } from "./oidc.ts";
import { sampleConfig } from "./sample-config.ts";

const { oidc } = sampleConfig;
const store = {} as StateStore;

describe("the console's OIDC client", () => {
  it("uses the authorization code flow (with PKCE) and keeps its state and tokens in the given store", () => {
    const settings = userManagerSettings(oidc, store);
    expect(settings).toMatchObject({
      authority: oidc.authority,
      client_id: "client123",
      redirect_uri: oidc.redirectUri,
      response_type: "code",
      scope: "openid profile email",
      userStore: store,
      stateStore: store,
    });
    expect(settings.disablePKCE).toBeUndefined();
  });

  it("asks the managed login for Chinese, and revokes the refresh token at the login domain", () => {
    const settings = userManagerSettings(oidc, store);
    expect(settings.extraQueryParams).toEqual({ lang: "zh-CN" });
    expect(settings.metadataSeed).toEqual({ revocation_endpoint: `${oidc.hostedUiDomain}/oauth2/revoke` });
  });

  it("signs out through Cognito's logout, back to the console", () => {
    const url = new URL(logoutUrl(oidc));
    expect(url.origin + url.pathname).toBe(`${oidc.hostedUiDomain}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "client123",
      logout_uri: "https://d111.cloudfront.net/console/",
    });
  });
});
