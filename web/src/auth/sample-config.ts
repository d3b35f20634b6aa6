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

/**
 * A config.json for a standard OpenID Connect provider (target aws-cn, issue 23): no managed login domain, and the
 * claim mapping (IDENTITY_CLAIMS) of a provider that lists roles in its own words and nests the scope claims.
 */
export const sampleStandardConfig: ConsoleConfig = {
  apiUrl: "https://console.gov.example.cn",
  oidc: {
    authority: "https://idp.beijing.example.cn/realms/gov",
    clientId: "gov-console",
    claims: JSON.stringify({
      role: "realm_access.roles",
      roleValues: { 窗口人员: "clerk", 审批人员: "approver", 中心管理员: "admin", 申请人: "applicant" },
      centerId: "org.center",
      departmentId: "org.department",
      verifiedIdNumber: "idcard",
      verifiedName: "realname",
      organisations: "org.creditCodes",
    }),
    redirectUri: "https://console.gov.example.cn/console/callback",
    postLogoutRedirectUri: "https://console.gov.example.cn/console/",
    scope: "openid profile offline_access",
  },
};
