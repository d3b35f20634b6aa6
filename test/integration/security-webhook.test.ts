import { request as httpRequest } from "node:http";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  sign,
  signedHeaders,
  TIMESTAMP_HEADER,
  TOLERANCE_SECONDS,
} from "#shared/webhooks/signature.ts";
import { db, request, stack } from "./support/api.ts";
import { seeded } from "./support/seed.ts";

/**
 * Issue 10, "Webhook abuse": the 12345 webhook refuses what an attacker who saw (or guessed) a delivery could send —
 * a replay outside the window, headers swapped or doubled, a body changed after signing, a body too large — with a
 * 401/413 problem+json, and stores nothing: the supervision table never gets the `orderNo#<orderNo>` claim.
 * complaints-hotline.test.ts covers the accepted path, a wrong or missing signature and redeliveries.
 */

const WEBHOOK = "/v1/hotline/work-orders";
let orders = 0;

function workOrder() {
  orders++;
  return {
    orderNo: `SEC${Date.now()}${String(orders).padStart(4, "0")}`,
    receivedAt: new Date().toISOString(),
    kind: "complaint",
    urgency: "general",
    channel: "phone",
    caller: { name: "王五", phone: "13912345678" },
    content: "窗口办理时间过长",
    target: { centerId: seeded.haidian },
  };
}

const now = async () => new Date((await request("GET", "/_local/clock")).body.now as string);

async function claimed(orderNo: string): Promise<boolean> {
  const { Item } = await db.send(
    new GetCommand({ TableName: stack.tables.complaints, Key: { pk: `orderNo#${orderNo}`, sk: "orderNo" } }),
  );
  return Item !== undefined;
}

/** POST with headers given as a list, so a header can be sent twice and in any order (fetch would merge them). */
function rawPost(
  headers: [string, string][],
  body: string | Buffer,
): Promise<{ status: number; contentType: string; body: string }> {
  const url = new URL(`${stack.url}${WEBHOOK}`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        // Raw headers: Node adds neither Host nor Content-Length to them.
        headers: [["host", url.host], ["content-length", String(Buffer.byteLength(body))], ...headers].flat(),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function expectRefused(res: { status: number; contentType: string }, status = 401) {
  expect(res.status).toBe(status);
  expect(res.contentType).toContain("application/problem+json");
}

describe("12345 webhook abuse (nothing stored)", () => {
  it("accepts a correctly signed order whatever the order of its headers (the control case)", async () => {
    const body = JSON.stringify(workOrder());
    const signed = signedHeaders(stack.hotlineSecret, body, await now(), "dlv-sec-ok");
    const res = await rawPost(
      [
        [SIGNATURE_HEADER, signed[SIGNATURE_HEADER]!],
        ["content-type", "application/json"],
        [DELIVERY_HEADER, signed[DELIVERY_HEADER]!],
        [TIMESTAMP_HEADER, signed[TIMESTAMP_HEADER]!],
      ],
      body,
    );
    expect(res.status, res.body).toBe(202);
    expect(await claimed(JSON.parse(body).orderNo)).toBe(true);
  });

  it.each([
    ["just outside the window, in the past", -(TOLERANCE_SECONDS + 1)],
    ["an hour old", -3600],
    ["a day old", -86_400],
    ["from the future", TOLERANCE_SECONDS + 60],
  ])("refuses a signature replayed %s", async (_, offsetSeconds) => {
    const order = workOrder();
    const body = JSON.stringify(order);
    const at = new Date((await now()).getTime() + offsetSeconds * 1000);
    const res = await rawPost(
      [
        ["content-type", "application/json"],
        ...Object.entries(signedHeaders(stack.hotlineSecret, body, at, "dlv-old")),
      ],
      body,
    );
    expectRefused(res);
    expect(await claimed(order.orderNo)).toBe(false);
  });

  it("signs the raw bytes: a body whose invalid UTF-8 differs from the signed one is refused", async () => {
    // Arrange: two bodies that differ in one byte that is not UTF-8 (both decode to the same replacement character)
    const bytes = (invalid: number) =>
      Buffer.concat([Buffer.from('{"orderNo":"'), Buffer.from([invalid]), Buffer.from('"}')]);
    const signed = signedHeaders(stack.hotlineSecret, bytes(0xff), await now(), "dlv-bytes");
    const headers = (): [string, string][] => [
      ["content-type", "application/json"],
      ...Object.entries(signed),
    ];

    // Act
    const swapped = await rawPost(headers(), bytes(0xfe));
    const asSigned = await rawPost(headers(), bytes(0xff));

    // Assert: the other bytes fail the signature; the signed ones pass it and are refused as not UTF-8
    expectRefused(swapped);
    expectRefused(asSigned, 400);
    expect(JSON.parse(asSigned.body).detail).toBe("The body is not valid UTF-8.");
  });

  it("refuses an old signature sent again with a fresh timestamp (the timestamp is signed)", async () => {
    const order = workOrder();
    const body = JSON.stringify(order);
    const old = signedHeaders(
      stack.hotlineSecret,
      body,
      new Date((await now()).getTime() - 3_600_000),
      "dlv-1",
    );
    const fresh = signedHeaders(stack.hotlineSecret, body, await now(), "dlv-2");
    const res = await rawPost(
      [
        ["content-type", "application/json"],
        [TIMESTAMP_HEADER, fresh[TIMESTAMP_HEADER]!],
        [SIGNATURE_HEADER, old[SIGNATURE_HEADER]!],
      ],
      body,
    );
    expectRefused(res);
    expect(await claimed(order.orderNo)).toBe(false);
  });

  it.each([
    [
      "timestamp and signature swapped",
      (h: Record<string, string>): [string, string][] => [
        [TIMESTAMP_HEADER, h[SIGNATURE_HEADER]!],
        [SIGNATURE_HEADER, h[TIMESTAMP_HEADER]!],
      ],
    ],
    [
      "the signature sent twice",
      (h: Record<string, string>): [string, string][] => [
        [TIMESTAMP_HEADER, h[TIMESTAMP_HEADER]!],
        [SIGNATURE_HEADER, h[SIGNATURE_HEADER]!],
        [SIGNATURE_HEADER, h[SIGNATURE_HEADER]!],
      ],
    ],
    [
      "a forged signature before the real one",
      (h: Record<string, string>): [string, string][] => [
        [TIMESTAMP_HEADER, h[TIMESTAMP_HEADER]!],
        [SIGNATURE_HEADER, `sha256=${"0".repeat(64)}`],
        [SIGNATURE_HEADER, h[SIGNATURE_HEADER]!],
      ],
    ],
    [
      "the timestamp sent twice",
      (h: Record<string, string>): [string, string][] => [
        [TIMESTAMP_HEADER, h[TIMESTAMP_HEADER]!],
        [TIMESTAMP_HEADER, h[TIMESTAMP_HEADER]!],
        [SIGNATURE_HEADER, h[SIGNATURE_HEADER]!],
      ],
    ],
    [
      "the signature without its sha256= scheme",
      (h: Record<string, string>): [string, string][] => [
        [TIMESTAMP_HEADER, h[TIMESTAMP_HEADER]!],
        [SIGNATURE_HEADER, h[SIGNATURE_HEADER]!.slice("sha256=".length)],
      ],
    ],
    [
      "the signature in upper case hex",
      (h: Record<string, string>): [string, string][] => [
        [TIMESTAMP_HEADER, h[TIMESTAMP_HEADER]!],
        [SIGNATURE_HEADER, `sha256=${h[SIGNATURE_HEADER]!.slice(7).toUpperCase()}`],
      ],
    ],
    [
      "a timestamp with a fraction",
      (h: Record<string, string>): [string, string][] => [
        [TIMESTAMP_HEADER, `${h[TIMESTAMP_HEADER]!}.0`],
        [SIGNATURE_HEADER, h[SIGNATURE_HEADER]!],
      ],
    ],
  ])("refuses %s", async (_, arrange) => {
    const order = workOrder();
    const body = JSON.stringify(order);
    const signed = signedHeaders(stack.hotlineSecret, body, await now(), "dlv-mixed");
    const res = await rawPost([["content-type", "application/json"], ...arrange(signed)], body);
    expectRefused(res);
    expect(await claimed(order.orderNo)).toBe(false);
  });

  it.each([
    ["a field changed", (raw: string) => raw.replace("窗口办理时间过长", "窗口办理很快")],
    ["its fields reordered (the same JSON, other bytes)", (raw: string) => reorder(raw)],
    ["whitespace added", (raw: string) => raw.replace(/,/g, ", ")],
    ["a field added", (raw: string) => raw.replace(/}$/, ',"urgency2":"urgent"}')],
    ["a trailing newline", (raw: string) => `${raw}\n`],
  ])("refuses a body changed after signing: %s", async (_, change) => {
    const order = workOrder();
    const raw = JSON.stringify(order);
    const signed = signedHeaders(stack.hotlineSecret, raw, await now(), "dlv-changed");
    const res = await rawPost([["content-type", "application/json"], ...Object.entries(signed)], change(raw));
    expectRefused(res);
    expect(await claimed(order.orderNo)).toBe(false);
  });

  it.each([
    ["2 MiB: over the handlers' 1 MiB limit", 2 * 1024 * 1024],
    ["10 MiB: at the gateway's limit", 10 * 1024 * 1024],
    ["10 MiB and a byte: over the gateway's limit", 10 * 1024 * 1024 + 1],
  ])("refuses a correctly signed body of %s with 413, storing nothing", async (_, size) => {
    const order = workOrder();
    const head = JSON.stringify({ ...order, content: "" });
    const raw = head.replace('"content":""', `"content":"${"x".repeat(size - Buffer.byteLength(head))}"`);
    const signed = signedHeaders(stack.hotlineSecret, raw, await now(), "dlv-large");
    const res = await rawPost(
      [["content-type", "application/json"], ...Object.entries(signed)],
      Buffer.from(raw, "utf8"),
    );
    expectRefused(res, 413);
    expect(await claimed(order.orderNo)).toBe(false);
  });

  it("refuses a body signed with the secret of another deployment", async () => {
    const order = workOrder();
    const raw = JSON.stringify(order);
    const timestamp = Math.floor((await now()).getTime() / 1000);
    const res = await rawPost(
      [
        ["content-type", "application/json"],
        [TIMESTAMP_HEADER, String(timestamp)],
        [SIGNATURE_HEADER, sign(`${stack.hotlineSecret}x`, timestamp, raw)],
      ],
      raw,
    );
    expectRefused(res);
    expect(await claimed(order.orderNo)).toBe(false);
  });
});

/** The same members in reverse order: equal as JSON, different as bytes. */
function reorder(raw: string): string {
  const value = JSON.parse(raw) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.entries(value).reverse()));
}
