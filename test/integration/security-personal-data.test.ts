import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "#infra/local/seed-data.ts";
import { isResidentId } from "#shared/identity.ts";
import { signedHeaders } from "#shared/webhooks/signature.ts";
import { freePort, SUITE_START, type StackInfo } from "./global-setup.ts";
import { guideInput, itemInput, residentStatus } from "./support/factories.ts";

/**
 * Issue 10, "Personal data": a case runs its lifecycle — submitted by a person with a resident ID and a mobile number,
 * accepted, decided, delivered by mail to a street address — and the 12345 hotline sends a work order with the
 * caller's phone, all with the handlers logging at DEBUG; then all output of the stack is scanned: no resident ID, no
 * mobile number and not the address may appear unmasked (shared/personal-data.ts masks every log record).
 *
 * The shared stack logs at ERROR (global-setup.ts), so this file starts its own, the way `npm start` runs, at DEBUG,
 * and keeps its whole output (in .local/security-personal-data.log for a look afterwards).
 */

// Fictitious person, valid numbers (GB 11643 check character), unlike anything seeded.
const RESIDENT_ID = "110108198707054175";
const PHONE = "13698765432";
const CALLER_PHONE = "15811112222";
const STREET = "知春路甲48号盈都大厦C座1907室";

let child: ChildProcess;
let info: StackInfo;
let output = "";
const exited = () => new Promise((resolve) => child.once("exit", resolve));

beforeAll(async () => {
  child = spawn(
    process.execPath,
    ["--import", "tsx", "infra/local/main.ts", "--ready-json", "--start-at", SUITE_START],
    {
      env: {
        ...process.env,
        PORT: "0",
        SQS_PORT: "0",
        S3_PORT: "0",
        DYNAMODB_PORT: String(await freePort()),
        LOG_LEVEL: "DEBUG",
        // Powertools also logs every invocation's event: requests with their bodies, queue messages, stream images.
        POWERTOOLS_LOGGER_LOG_EVENT: "true",
        LOCAL_RETRY_SECONDS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  info = await new Promise<StackInfo>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the stack exited (${code}): ${output.slice(-2000)}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      output += `${line}\n`;
      if (line.startsWith("READY ")) resolve(JSON.parse(line.slice(6)) as StackInfo);
    });
  });
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const done = exited();
    child.kill("SIGTERM");
    await done;
  }
});

async function call(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const res = await fetch(`${info.url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
}

const tokens = new Map<string, string>();
async function token(user: keyof typeof seedUsers | "zhaoMin") {
  if (!tokens.has(user))
    tokens.set(
      user,
      (
        await call("POST", "/_local/token", {
          // 赵敏 applies online for herself: her account is real-name verified as her (issue 15)
          body:
            user === "zhaoMin"
              ? {
                  role: "applicant",
                  sub: "usr_zhao_min",
                  verifiedIdentity: { idNumber: RESIDENT_ID, name: "赵敏" },
                }
              : { user },
        })
      ).body.token,
    );
  return tokens.get(user)!;
}
const drain = async () => expect((await call("POST", "/_local/drain")).status).toBe(200);

async function expectStatus(res: { status: number; body: unknown }, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Record<string, any>;
}

describe("personal data in the logs (DEBUG)", () => {
  it("runs a case and a hotline work order without an unmasked ID, phone or address in any log line", async () => {
    // Arrange: an item of the approver's department, resident in Haidian, deliverable by mail.
    const admin = await token("admin");
    const item = await expectStatus(
      await call("POST", "/v1/items", {
        token: admin,
        body: itemInput({ departmentId: seedUsers.approver.departmentId }),
      }),
      201,
    );
    await expectStatus(
      await call("POST", `/v1/items/${item.id}/guides`, {
        token: admin,
        body: guideInput({
          deliveryMethods: ["window", "mail"],
          materials: guideInput().materials.slice(0, 1),
        }),
      }),
      201,
    );
    await expectStatus(
      await call("PUT", `/v1/centers/${seedUsers.admin.centerId}/items/${item.id}`, {
        token: admin,
        body: residentStatus({
          authorization: {
            listRef: "海淀区授权审批事项清单（2026版）第7项",
            deciders: ["approver", "chiefRep"],
          },
        }),
      }),
      200,
    );
    await drain();

    // Act: submit → accept → decide → deliver by mail.
    const person = { kind: "person", name: "赵敏", idNumber: RESIDENT_ID, phone: PHONE };
    const app = await expectStatus(
      await call("POST", "/v1/applications", {
        token: await token("zhaoMin"),
        body: {
          itemId: item.id,
          centerId: seedUsers.admin.centerId,
          channel: "online",
          applicant: person,
          materials: [{ name: "申请表" }],
        },
      }),
      201,
    );
    await expectStatus(
      await call("POST", `/v1/applications/${app.id}/acceptance`, {
        token: await token("clerk"),
        body: { outcome: "accepted" },
      }),
      200,
    );
    await drain();
    await expectStatus(
      await call("POST", `/v1/applications/${app.id}/review/claim`, {
        token: await token("approver"),
        body: {},
      }),
      200,
    );
    await expectStatus(
      await call("POST", `/v1/applications/${app.id}/decision`, {
        token: await token("approver"),
        body: { decision: "approved", reason: "符合法定条件" },
      }),
      200,
    );
    await drain();
    const address = {
      recipient: "赵敏",
      phone: PHONE,
      province: "北京市",
      city: "北京市",
      district: "海淀区",
      street: STREET,
      postcode: "100083",
    };
    const delivery = await call("POST", `/v1/applications/${app.id}/delivery`, {
      token: await token("zhaoMin"),
      body: { method: "mail", address },
    });
    expect(delivery.status, JSON.stringify(delivery.body)).toBeLessThan(300);
    await drain();
    // Refused input carrying personal data is logged too (the refusal, never the value).
    await call("POST", "/v1/applications", {
      token: await token("clerk"),
      body: {
        itemId: item.id,
        centerId: "bad",
        channel: "window",
        applicant: { ...person, phone: "1369876543x" },
      },
    });
    await call("POST", `/v1/applications/${app.id}/delivery`, {
      token: await token("zhaoMin"),
      body: { method: "mail", address: { ...address, postcode: "1" } },
    });

    // The hotline: a work order with the caller's phone, and a redelivery of it.
    const order = JSON.stringify({
      orderNo: `PD${Date.now()}`,
      receivedAt: new Date().toISOString(),
      kind: "complaint",
      urgency: "general",
      channel: "phone",
      caller: { name: "钱多多", phone: CALLER_PHONE },
      content: `来电人${CALLER_PHONE}反映：身份证${RESIDENT_ID}的业务排队过久`,
      target: { centerId: seedUsers.admin.centerId },
    });
    const now = new Date((await call("GET", "/_local/clock")).body.now as string);
    for (const delivery of ["dlv-pd-1", "dlv-pd-2"]) {
      const res = await call("POST", "/v1/hotline/work-orders", {
        raw: order,
        headers: signedHeaders(info.hotlineSecret, order, now, delivery),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
    }
    await drain();
    const done = exited();
    child.kill("SIGTERM");
    await done;

    // Assert
    mkdirSync(".local", { recursive: true });
    writeFileSync(".local/security-personal-data.log", output);
    expect(output).toMatch(/"level":"DEBUG"/);
    // The data did pass through the logs (in the logged events), masked.
    expect(output).toContain("110108********4175");
    expect(output).toContain("158****2222");
    const leaks = leaksIn(output);
    expect(leaks, leaks.slice(0, 5).join("\n\n")).toEqual([]);
  });
});

/** Lines with a valid resident ID, a mobile number, or the street address we used, each shown around the hit. */
function leaksIn(text: string): string[] {
  const found: string[] = [];
  const around = (line: string, index: number) => line.slice(Math.max(0, index - 120), index + 140);
  for (const line of text.split("\n")) {
    for (const m of line.matchAll(/(?<!\d)\d{17}[\dXx](?!\d)/g))
      if (isResidentId(m[0].toUpperCase())) found.push(`resident ID: …${around(line, m.index)}…`);
    for (const m of line.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g))
      found.push(`mobile: …${around(line, m.index)}…`);
    const street = line.indexOf(STREET.slice(0, 6));
    if (street >= 0) found.push(`address: …${around(line, street)}…`);
  }
  return found;
}
