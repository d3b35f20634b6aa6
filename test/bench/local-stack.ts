import { randomUUID } from "node:crypto";
import { freePort } from "#infra/local/prerequisites.ts";
import { seedUsers, DEMO_CENTER_ID } from "#infra/local/seed-data.ts";
import type { Principal } from "#shared/auth/principal.ts";
import { startStack, type LocalStack } from "#infra/local/stack.ts";
import { startVirtualClockAt } from "#shared/clock.ts";

/**
 * The local stack `npm start` runs — DynamoDB Local, the SQS server, every table and queue, the HTTP server, pollers,
 * scheduler and seed — started in this process on free ports, so the bench can read what handlers consumed (capacity,
 * invocations) in memory. Virtual time starts at a fixed Monday, as the integration suite's does, so deadlines and the
 * holiday calendar never depend on the day the bench runs.
 */
export const BENCH_START = "2026-05-11T09:00:00+08:00";

export type SeedUser = keyof typeof seedUsers;

export interface BenchStack {
  stack: LocalStack;
  token(user: SeedUser): Promise<string>;
  call<T = any>(user: SeedUser | undefined, method: string, path: string, body?: unknown): Promise<Answer<T>>;
  /** A service item of the approver's department, resident in the Haidian center under authorized approval. */
  /**
   * An item of the bench's guide, made once per `purpose`: a part that lists an item's tasks (end to end) takes one of
   * its own, so the tasks other parts leave open (acceptance's thousand) are not in its list.
   */
  benchItem(purpose?: string): Promise<string>;
}

export interface Answer<T> {
  status: number;
  body: T;
}

export async function startBenchStack(): Promise<BenchStack> {
  startVirtualClockAt(new Date(BENCH_START));
  const stack = await startStack({
    port: 0,
    dynamodbPort: await freePort(),
    sqsPort: 0,
    s3Port: 0,
    retrySeconds: 1,
    seed: true,
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? "SILENT",
  });
  const tokens = new Map<SeedUser, string>();
  const token = async (user: SeedUser) => {
    if (!tokens.has(user))
      tokens.set(user, (await stack.auth.mint(seedUsers[user] as Principal, 86_400)).token);
    return tokens.get(user)!;
  };
  const call = async <T>(user: SeedUser | undefined, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (user) headers.authorization = `Bearer ${await token(user)}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    // As the console and the portal send them: a write carries an Idempotency-Key (web/src/api/call.ts)
    if (method === "POST") headers["idempotency-key"] = randomUUID();
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const items = new Map<string, Promise<string>>();
  const benchItem = (purpose = "main") => {
    if (!items.has(purpose)) items.set(purpose, createBenchItem(call));
    return items.get(purpose)!;
  };
  return { stack, token, call, benchItem };
}

/**
 * The bench's guide is a realistic one (issue 21): five materials — one replaceable by an e-license, one by a
 * commitment (告知承诺) — several conditions, checkpoints and procedure steps, as the seeded food business licence
 * has; a one-material guide understates what an application carries.
 */
const material = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  required: true,
  copies: 1,
  form: "original",
  commitmentAllowed: false,
  tolerable: false,
  ...extra,
});
export const BENCH_GUIDE = {
  conditions: [
    "申请人为依法登记的市场主体",
    "有与经营的食品品种、数量相适应的经营场所",
    "有食品安全管理人员",
  ],
  materials: [
    material("食品经营许可申请书"),
    material("营业执照", { form: "copy", eLicenseType: "营业执照" }),
    material("经营场所使用证明", { form: "copy" }),
    material("食品安全管理制度文本", { commitmentAllowed: true }),
    material("主要设备设施布局及操作流程图", { tolerable: true }),
  ],
  procedure: ["申请", "受理", "审查（必要时现场核查）", "决定", "制证送达"],
  statutoryLimitDays: 20,
  committedLimitDays: 5,
  fees: [],
  checkpoints: [
    "申请书由法定代表人签字并加盖公章",
    "经营场所地址与营业执照登记地址一致",
    "食品安全管理制度包含从业人员健康管理、进货查验记录等内容",
    "设备布局符合生熟分开、防止交叉污染的要求",
  ],
};
/** Every material of the guide, handed in. */
export const BENCH_MATERIALS = BENCH_GUIDE.materials.map((m) => ({ name: m.name }));

async function createBenchItem(call: BenchStack["call"]): Promise<string> {
  const must = <T>(what: string, a: Answer<T>, status: number) => {
    if (a.status !== status) throw new Error(`bench setup, ${what}: ${a.status} ${JSON.stringify(a.body)}`);
    return a.body;
  };
  const item = must(
    "item",
    await call<{ id: string }>("admin", "POST", "/v1/items", {
      code: `BENCH-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      name: "基准测试事项",
      departmentId: seedUsers.approver.departmentId,
      level: "district",
    }),
    201,
  );
  must(
    "guide",
    await call("admin", "POST", `/v1/items/${item.id}/guides`, {
      ...BENCH_GUIDE,
      deliveryMethods: ["window", "electronic"],
    }),
    201,
  );
  must(
    "item status",
    await call("admin", "PUT", `/v1/centers/${DEMO_CENTER_ID}/items/${item.id}`, {
      status: "resident",
      // The seeded clerk works at a comprehensive window: acceptance is delegated to it (art. 26).
      delegation: {
        agreementRef: "海淀区进驻事项委托受理协议〔2026〕第999号",
        materials: BENCH_GUIDE.materials.map((m) => m.name),
      },
      authorization: {
        listRef: "海淀区授权审批事项清单（2026版）第999项",
        deciders: ["approver", "chiefRep"],
      },
    }),
    200,
  );
  return item.id;
}

let contacts = 0;

/**
 * The body of one submission at a Haidian window by the seeded clerk. Each names a mobile of its own: sends are
 * limited per recipient and hour, and a case's messages must go out as they would for a real applicant.
 */
export function submission(itemId: string) {
  const phone = `138${String(contacts++ % 100_000_000).padStart(8, "0")}`;
  return {
    itemId,
    centerId: DEMO_CENTER_ID,
    channel: "window",
    applicant: {
      kind: "organisation",
      name: "北京海淀示例餐饮有限公司",
      creditCode: "91330100799655058B",
      legalRepresentative: "李华",
      contact: { name: "李华", phone },
    },
    materials: BENCH_MATERIALS,
  };
}

/** The bench's workers take it from here (sweep-worker.ts). */
export { freePort };
