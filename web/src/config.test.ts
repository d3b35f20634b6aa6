import { beforeEach, describe, expect, it } from "vitest";
import { sampleConfig, sampleStandardConfig } from "./auth/sample-config.ts";
import { loadConfig, parseConfig, resetConfig } from "./config.ts";

const config = sampleConfig;
const answer = (body: string, contentType: string, status = 200) =>
  (async () => new Response(body, { status, headers: { "content-type": contentType } })) as typeof fetch;

beforeEach(() => resetConfig());

describe("the console's runtime configuration", () => {
  it("is what the deploy wrote to config.json", async () => {
    expect(await loadConfig(answer(JSON.stringify(config), "application/json"))).toEqual(config);
  });

  it("is absent locally, where the console's fallback answers config.json with its page", async () => {
    expect(await loadConfig(answer("<!doctype html>", "text/html; charset=utf-8"))).toBeUndefined();
  });

  it("is absent when there is no file", async () => {
    expect(await loadConfig(answer("", "application/json", 404))).toBeUndefined();
  });

  it("is fetched once per page load", async () => {
    let calls = 0;
    const counting = (async () => {
      calls += 1;
      return new Response(JSON.stringify(config), { headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    await Promise.all([loadConfig(counting), loadConfig(counting)]);
    expect(calls).toBe(1);
  });

  it("is refused with a setting missing or empty, and keeps no unknown field", () => {
    expect(parseConfig({ ...config, oidc: { ...config.oidc, clientId: "" } })).toBeUndefined();
    expect(parseConfig({ apiUrl: config.apiUrl })).toBeUndefined();
    expect(parseConfig(null)).toBeUndefined();
    expect(parseConfig({ ...config, oidc: { ...config.oidc, extra: "x" } })).toEqual(config);
  });

  it("carries the portal's sign-in when the deploy wrote it, and drops an incomplete one", () => {
    const portal = {
      ...config.oidc,
      clientId: "portal-client",
      redirectUri: "https://d.example/portal/callback",
    };
    expect(parseConfig({ ...config, portal })).toEqual({ ...config, portal });
    expect(parseConfig({ ...config, portal: { ...portal, clientId: "" } })).toEqual(config);
  });

  it("carries a standard provider's settings: no managed login domain, and the claim mapping (issue 23)", () => {
    expect(parseConfig(sampleStandardConfig)).toEqual(sampleStandardConfig);
    expect(parseConfig(sampleStandardConfig)?.oidc.hostedUiDomain).toBeUndefined();
    const empty = { ...sampleStandardConfig.oidc, hostedUiDomain: "", claims: "" };
    const parsed = parseConfig({ ...sampleStandardConfig, oidc: empty })?.oidc;
    expect(parsed).not.toHaveProperty("hostedUiDomain");
    expect(parsed).not.toHaveProperty("claims");
    expect(parsed?.authority).toBe(sampleStandardConfig.oidc.authority);
  });
});
