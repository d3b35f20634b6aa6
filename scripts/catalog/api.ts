/**
 * The catalog API as the import and export see it: JSON over HTTP with an administrator's bearer token. A refusal is
 * an `ApiError` carrying the problem+json the API answered (its `detail` and field `errors`), for the report.
 */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: { path: (string | number)[]; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly problem: Problem,
  ) {
    super(`${method} ${path}: ${problem.status} ${problem.detail ?? problem.title ?? ""}`.trim());
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  /** A changing call, with its Idempotency-Key: a retry of the same call is answered once. */
  send<T>(method: "POST" | "PUT" | "PATCH", path: string, body: unknown, idempotencyKey: string): Promise<T>;
}

/**
 * Tries per call: a 5xx, a 429 (throttled), a 409 "in progress" and a network failure are retried, with the same
 * Idempotency-Key — the API answers a retry of a finished call with its first answer, and runs it at most once.
 */
const ATTEMPTS = 3;

export function httpApi(base: string, token: string | undefined): Api {
  const root = base.replace(/\/+$/, "");
  async function call<T>(method: string, path: string, body?: unknown, key?: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${root}${path}`, {
          method,
          headers: {
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(key ? { "idempotency-key": key } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        if (attempt < ATTEMPTS) continue;
        throw new ApiError(method, path, { status: 0, detail: (error as Error).message });
      }
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = { detail: text.slice(0, 500) };
      }
      if (res.ok) return parsed as T;
      const retry =
        res.status >= 500 ||
        res.status === 429 ||
        (res.status === 409 && /in progress|still running/i.test(text));
      if (retry && attempt < ATTEMPTS) {
        await new Promise((r) => setTimeout(r, 200 * attempt)); // backing off before a retry, not a synchronization
        continue;
      }
      throw new ApiError(method, path, { ...(parsed as object), status: res.status } as Problem);
    }
  }
  return {
    get: (path) => call("GET", path),
    send: (method, path, body, key) => call(method, path, body, key),
  };
}

/** Every page of a list (`items` and `nextCursor`, DESIGN.md). */
export async function all<T>(api: Api, path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page = await api.get<{ items: T[]; nextCursor?: string }>(
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
