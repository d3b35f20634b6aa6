import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { inject } from "vitest";
import { seedUsers } from "#infra/local/seed-data.ts";
import type { StackInfo } from "../global-setup.ts";

/**
 * The stack this file's helpers talk to: the suite's shared one, unless the file started its own and called
 * `useStack` (exports are live bindings, so every helper follows).
 */
export let stack: StackInfo = inject("stack");

export type SeedUser = keyof typeof seedUsers;

export interface Response<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

const tokens = new Map<string, string>();

/** A token for a seeded user, minted by the runtime's `/_local/token` (cached per test file). */
export async function tokenFor(user: SeedUser): Promise<string> {
  if (!tokens.has(user)) {
    const res = await request("POST", "/_local/token", { body: { user } });
    tokens.set(user, res.body.token as string);
  }
  return tokens.get(user)!;
}

/** Tokens expire on virtual time too: after moving the clock far, mint new ones. */
export function forgetTokens(): void {
  tokens.clear();
}

export async function request<T = any>(
  method: string,
  path: string,
  options: {
    body?: unknown;
    rawBody?: string;
    as?: SeedUser;
    token?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Response<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token ?? (options.as ? await tokenFor(options.as) : undefined);
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(`${stack.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export const as = (user: SeedUser) => ({
  get: <T = any>(path: string) => request<T>("GET", path, { as: user }),
  post: <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
    request<T>("POST", path, { as: user, body, headers }),
});

/** Requests with a token of one's own (an account minted for a test, see `newApplicant`). */
export const withToken = (token: string) => ({
  get: <T = any>(path: string) => request<T>("GET", path, { token }),
  post: <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
    request<T>("POST", path, { token, body, headers }),
});

/**
 * A new applicant account, real-name verified as `identity` (by default the seeded applicant's person), for a test
 * that needs an account of its own — limits per account and hour, contacts, authorisations (issue 15).
 */
export async function newApplicant(
  identity: { idNumber: string; name: string } = seedUsers.applicant.verifiedIdentity,
  organisations?: string[],
) {
  const sub = `usr_test_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const res = await request("POST", "/_local/token", {
    body: { role: "applicant", sub, verifiedIdentity: identity, organisations },
  });
  if (res.status !== 200) throw new Error(`token: ${JSON.stringify(res.body)}`);
  return { sub, token: res.body.token as string, ...withToken(res.body.token as string) };
}

export const anonymous = {
  get: <T = any>(path: string) => request<T>("GET", path),
  post: <T = any>(path: string, body: unknown) => request<T>("POST", path, { body }),
};

/** Wait until every stream and queue is idle (the runtime's drain, never a sleep). */
export async function drain(): Promise<void> {
  const res = await request("POST", "/_local/drain");
  if (res.status !== 200) throw new Error(`drain: ${JSON.stringify(res.body)}`);
}

export async function advanceClock(
  by: string,
): Promise<{ now: string; fired: { schedule: string; ok: boolean }[] }> {
  const res = await request("POST", "/_local/clock", { body: { advance: by } });
  if (res.status !== 200) throw new Error(`clock: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function setClock(
  to: string,
): Promise<{ now: string; fired: { schedule: string; ok: boolean }[] }> {
  const res = await request("POST", "/_local/clock", { body: { to } });
  if (res.status !== 200) throw new Error(`clock: ${JSON.stringify(res.body)}`);
  return res.body;
}

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
const clientsOf = (info: StackInfo) => ({
  db: DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: info.endpoints.dynamodb, region: "local", credentials }),
  ),
  sqs: new SQSClient({ endpoint: info.endpoints.sqs, region: "local", credentials }),
});
/** Direct emulator access, for assertions on what the API does not expose (event items, DLQs). */
export let { db, sqs } = clientsOf(stack);

/**
 * Point this file's helpers at another stack (one the file started at another date, `startOwnStack`): requests,
 * tokens, the clock, drain and the emulator clients.
 */
export function useStack(info: StackInfo): void {
  stack = info;
  ({ db, sqs } = clientsOf(info));
  forgetTokens();
}
