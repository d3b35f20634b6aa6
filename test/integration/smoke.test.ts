import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, drain, request, stack, withToken } from "./support/api.ts";
import { givenItem, guideInput, residentStatus } from "./support/factories.ts";
import { freePort } from "./global-setup.ts";
import { seeded } from "./support/seed.ts";

/**
 * `npm run smoke` (issue 23, point 6) run as an operator runs it — its own process, `node --import tsx
 * scripts/smoke.ts` — against the suite's local stack (`npm start`), and against an API that is not there.
 */
const run = promisify(execFile);

async function smoke(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/smoke.ts", ...args], {
      env: { ...process.env, SMOKE_TOKEN: "", SMOKE_CLERK_TOKEN: "" },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const line = (stdout: string, check: string) =>
  stdout.split("\n").find((l) => new RegExp(`^(ok  |FAIL)  ${check} `).test(l));

describe("npm run smoke -- --api URL", () => {
  it("passes against `npm start`: health, the contract, a sign-in, a catalog read", async () => {
    const res = await smoke("--api", stack.url, "--local");

    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(line(res.stdout, "health")).toMatch(/^ok {4}health +GET \/v1\/health 200 \{"status":"ok"\}/);
    expect(line(res.stdout, "contract")).toMatch(
      /^ok {4}contract +OpenAPI 3\.1\.\d, version \d+\.\d+\.\d+, all \d+ routes/,
    );
    expect(line(res.stdout, "sign-in")).toMatch(
      /^ok {4}sign-in +GET \/v1\/me\/notifications: 200 as admin of ctr_\w+, 401 without the token$/,
    );
    expect(line(res.stdout, "catalog")).toMatch(
      /^ok {4}catalog +GET \/v1\/centers, \/v1\/items, \/v1\/centers\/ctr_\w+ .* and its items: 200$/,
    );
    expect(res.stdout.trim().split("\n").at(-1)).toBe("all 4 checks passed");
  });

  it("never prints the token it signed in with", async () => {
    const { token } = (await request("POST", "/_local/token", { body: { user: "admin" } })).body;

    const res = await smoke("--api", stack.url, "--token", token);

    expect(res.code).toBe(0);
    expect(res.stdout + res.stderr).not.toContain(token);
    expect(res.stdout + res.stderr).not.toContain(token.split(".")[2]);
  });

  it("fails the sign-in check without a token, and exits non-zero", async () => {
    const res = await smoke("--api", stack.url);

    expect(res.code).toBe(1);
    expect(line(res.stdout, "sign-in")).toBe(
      "FAIL  sign-in         no token: give --token or SMOKE_TOKEN (a staff member's ID token), or --local against `npm start`",
    );
    expect(line(res.stdout, "health")).toMatch(/^ok /);
    expect(res.stdout).toContain("1 of 4 checks failed");
  });

  it("fails the sign-in check with a token the API does not accept", async () => {
    const res = await smoke("--api", stack.url, "--token", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");

    expect(res.code).toBe(1);
    expect(line(res.stdout, "sign-in")).toMatch(
      /^FAIL {2}sign-in +GET \/v1\/me\/notifications with the token answered 401 Unauthenticated: .*, expected 200$/,
    );
  });

  it("exits non-zero with a clear message when nothing answers at --api, and skips the rest", async () => {
    // A port nothing listens on: free a moment ago.
    const port = await freePort();

    const res = await smoke("--api", `http://127.0.0.1:${port}`, "--local");

    expect(res.code).toBe(1);
    expect(line(res.stdout, "health")).toMatch(
      new RegExp(
        `^FAIL  health +GET http://127\\.0\\.0\\.1:${port}/v1/health: cannot reach the API \\(ECONNREFUSED\\)$`,
      ),
    );
    for (const check of ["contract", "sign-in", "catalog"])
      expect(line(res.stdout, check)).toMatch(/skipped: health could not reach the API$/);
    expect(res.stdout).toContain("4 of 4 checks failed");
  });

  describe("against a deployment of another version", () => {
    // The suite's stack behind a proxy that serves its contract altered, as a stale or partial deploy would answer.
    let proxy: Server;
    let alter: (document: any) => void = () => {};
    beforeAll(async () => {
      proxy = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const upstream = await fetch(`${stack.url}${req.url}`, {
          method: req.method!,
          headers: Object.fromEntries(
            ["authorization", "content-type"].flatMap((h) =>
              req.headers[h] ? [[h, String(req.headers[h])]] : [],
            ),
          ),
          ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        });
        let body = await upstream.text();
        if (req.url === "/v1/openapi.json") {
          const document = JSON.parse(body);
          alter(document);
          body = JSON.stringify(document);
        }
        res.writeHead(upstream.status, {
          "content-type": upstream.headers.get("content-type") ?? "text/plain",
        });
        res.end(body);
      });
      await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    });
    afterAll(async () => {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    });
    const url = () => `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    it("fails the contract check when the deployed version is not this checkout's", async () => {
      alter = (document) => {
        document.info.version = "0.0.1";
      };

      const res = await smoke("--api", url(), "--local");

      expect(res.code).toBe(1);
      expect(line(res.stdout, "contract")).toMatch(
        /^FAIL {2}contract +the deployed contract is version 0\.0\.1, this checkout's docs\/openapi\.json \d+\.\d+\.\d+: deploy this version, or check out the deployed one$/,
      );
      expect(line(res.stdout, "sign-in")).toMatch(/^ok /);
      expect(res.stdout).toContain("1 of 4 checks failed");
    });

    it("fails the contract check when a route of the manifest is missing, and names it", async () => {
      alter = (document) => {
        delete document.paths["/v1/centers/{centerId}/items"].get;
      };

      const res = await smoke("--api", url(), "--local");

      expect(res.code).toBe(1);
      expect(line(res.stdout, "contract")).toMatch(
        /^FAIL {2}contract +the deployed contract lacks 1 of the manifest's \d+ routes: GET \/v1\/centers\/\{centerId\}\/items$/,
      );
    });
  });

  describe("against an API that does not answer in time", () => {
    let silent: Server;
    beforeAll(async () => {
      // Takes the request and never answers, as a gateway whose integration hangs.
      silent = createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    });
    afterAll(async () => {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    });

    it("gives up after --timeout-ms and says so", async () => {
      const { port } = silent.address() as AddressInfo;

      const res = await smoke("--api", `http://127.0.0.1:${port}`, "--local", "--timeout-ms", "300");

      expect(res.code).toBe(1);
      expect(line(res.stdout, "health")).toBe(
        `FAIL  health          GET http://127.0.0.1:${port}/v1/health: no answer within 300 ms`,
      );
    });
  });

  it.each([
    [[], /--api is required/],
    [["--api", "localhost:3000"], /--api: an http\(s\) URL/],
    [["--api", "http://127.0.0.1:3000", "--timeout-ms", "fast"], /--timeout-ms: a whole number/],
    [["--api", "http://127.0.0.1:3000", "--synthetic-case"], /--synthetic-case needs --center/],
  ])("refuses %j with exit code 2 and its usage", async (args, message) => {
    const res = await smoke(...args);

    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).toContain("usage: npm run smoke");
  });

  describe("with --synthetic-case in a test center", () => {
    let testCenter: string;
    /** The test center's own administrator: staff act only inside their center. */
    let admin: ReturnType<typeof withToken>;
    beforeAll(async () => {
      // A center of its own below Haidian with one resident item, so the synthetic case touches no figure of the
      // seeded centers that other files count.
      const center = await as("admin").post("/v1/centers", {
        name: `冒烟检查测试中心${Math.random().toString(36).slice(2, 7)}`,
        level: "subdistrict",
        kind: "comprehensive",
        parentId: seeded.haidian,
        address: "北京市海淀区测试路2号",
        consultationPhone: "010-62345679",
        hours: { workingDays: [{ from: "09:00", to: "17:00" }] },
      });
      expect(center.status, JSON.stringify(center.body)).toBe(201);
      testCenter = center.body.id;
      const minted = await request("POST", "/_local/token", {
        body: { role: "admin", centerId: testCenter },
      });
      admin = withToken(minted.body.token);
      // An item whose guide lets it sink down to a subdistrict center (art. 35).
      const item = await givenItem();
      const guide = await as("admin").post(
        `/v1/items/${item.id}/guides`,
        guideInput({ lowestLevel: "subdistrict" }),
      );
      expect(guide.status, JSON.stringify(guide.body)).toBe(201);
      const status = await request("PUT", `/v1/centers/${testCenter}/items/${item.id}`, {
        token: minted.body.token,
        body: residentStatus(),
      });
      expect(status.status, JSON.stringify(status.body)).toBe(200);
      // Intake learns of the center and the item from catalog's events.
      await drain();
    });

    it("submits, replays and decides a synthetic application, marked as such, and verifies its sealed notice", async () => {
      const res = await smoke("--api", stack.url, "--local", "--synthetic-case", "--center", testCenter);

      expect(res.code, res.stdout + res.stderr).toBe(0);
      const synthetic = line(res.stdout, "synthetic case");
      expect(synthetic).toMatch(
        /^ok {4}synthetic case +(app_\w+) \(测试事项\d+\) submitted, replayed by its Idempotency-Key, not accepted as synthetic with notice \d{4}-\d{6}, sealed \(\w+\) and verified$/,
      );
      const applicationId = /(app_\w+)/.exec(synthetic!)![1]!;
      const application = await admin.get(`/v1/applications/${applicationId}`);
      expect(application.body).toMatchObject({
        state: "rejected",
        centerId: testCenter,
        ownerId: "smoke-check",
        applicant: { name: "部署冒烟检查（合成申请，请勿办理）" },
      });
      expect(res.stdout.trim().split("\n").at(-1)).toBe("all 5 checks passed");
    });

    it("fails the synthetic case in a center that does not exist, and says where", async () => {
      const nowhere = "ctr_01JSEED0000000000000000999";
      const res = await smoke("--api", stack.url, "--local", "--synthetic-case", "--center", nowhere);

      expect(res.code).toBe(1);
      expect(line(res.stdout, "synthetic case")).toMatch(
        new RegExp(`^FAIL  synthetic case  GET /v1/centers/${nowhere}/items answered 404 `),
      );
    });
  });
});
