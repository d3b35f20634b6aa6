import { describe, expect, it } from "vitest";
import { seedUsers } from "#infra/local/seed-data.ts";
import { request, stack } from "./support/api.ts";

/**
 * The staff console's foundation (issue 18): `npm start` builds it when its sources changed and serves it at
 * /console/ on the API's origin, with the single-page fallback and the security headers CloudFront sets in AWS; the
 * local sign-in lists the seeded users. The screens' own flows are browser tests (Playwright, Chromium).
 */
describe("the staff console on the local stack", () => {
  it("serves the built console in Chinese at /console/, with its security headers", async () => {
    const page = await request("GET", "/console/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain("政务服务中心工作台");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    // The browser PUTs scanned materials to the S3 emulator's presigned URLs (issue 19), and connects nowhere else.
    expect(page.headers.get("content-security-policy")).toContain(
      `connect-src 'self' ${stack.endpoints.s3};`,
    );
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("cache-control")).toBe("no-cache");
  });

  it("serves the applicants' portal at /portal/ on every one of its routes, with the same headers", async () => {
    const [home, deep] = await Promise.all([
      request("GET", "/portal/"),
      request("GET", "/portal/applications/app_01JSEED0000000000000000001"),
    ]);
    for (const page of [home, deep]) {
      expect(page.status).toBe(200);
      expect(page.body).toContain("政务服务网上办事大厅");
      expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(page.headers.get("cache-control")).toBe("no-cache");
    }
    // Its scripts are the console's build: one set of assets, loaded from /console/assets/
    const script = /src="(\/console\/assets\/portal-[^"]+\.js)"/.exec(home.body)?.[1];
    expect((await request("GET", script!)).status).toBe(200);
  });

  it("answers the console's own routes with the page, and its assets as immutable files", async () => {
    const deep = await request("GET", "/console/sign-in?back=%2F");
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec((await request("GET", "/console/")).body)?.[1];
    const asset = await request("GET", script!);
    expect(deep.status).toBe(200);
    expect(deep.body).toContain('<div id="app">');
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
  });

  it("serves nothing outside its build folder, whatever the path says", async () => {
    const escape = await request("GET", "/console/..%2F..%2Fpackage.json");
    expect(escape.status).toBe(200);
    expect(escape.body).toContain('<div id="app">');
    expect(escape.body).not.toContain('"dependencies"');
  });

  it("lists the seeded users for the local sign-in, by their roster names, without tokens", async () => {
    const users = await request("GET", "/_local/users");
    expect(users.status).toBe(200);
    const clerk = users.body.items.find((u: { user: string }) => u.user === "clerk");
    expect(clerk).toMatchObject({ principal: { role: "clerk", sub: seedUsers.clerk.sub } });
    expect(clerk.label).toMatch(/^王丽娟 · /);
    expect(JSON.stringify(users.body)).not.toContain("token");
  });
});
