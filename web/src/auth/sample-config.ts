import type { ConsoleConfig } from "../config.ts";

/** A config.json as the AWS hosting writes it, for the tests of what reads it. */
export const sampleConfig: ConsoleConfig = {
  apiUrl: "https://d111.cloudfront.net",
  oidc: {
    authority: "https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_abc",
    clientId: "client123",
    hostedUiDomain: "https://govservice-1a2b3c4d.auth.ap-east-1.amazoncognito.com",
    redirectUri: "https://d111.cloudfront.net/console/callback",
    postLogoutRedirectUri: "https://d111.cloudfront.net/console/",
    scope: "openid profile email",
  },
};
