/**
 * What a problem+json answer (RFC 9457) means to the person at the screen, in Chinese: the field errors go beside
 * their fields (`fieldErrors`), everything else is one message. The API's own `detail` is English for engineers; the
 * console says what happened and what to do.
 */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  rule?: string;
  errors?: { path: (string | number)[]; message: string }[];
}

const BY_STATUS: Record<number, string> = {
  400: "填写的内容有误，请按提示修改。",
  401: "登录已过期，请重新登录。",
  403: "您没有权限办理此项业务，或该业务不属于您所在的中心或部门。",
  404: "未找到该记录，可能已被删除或编号有误。",
  409: "该记录刚被他人修改或已办理，请刷新后再试。",
  413: "提交的内容过大。",
  415: "提交的格式不正确。",
  422: "不符合办理规则。",
  429: "操作过于频繁，请稍后再试。",
  503: "系统繁忙，请稍后再试。",
};

/** The same in English, for the portal's foreign applicants (art. 15). */
const BY_STATUS_EN: Record<number, string> = {
  400: "Some of what you entered is not valid: please correct it as shown.",
  401: "Your session has expired: please sign in again.",
  403: "You may not do this, or the record is not yours.",
  404: "Not found: it may have been removed, or the number is wrong.",
  409: "Someone changed this just now, or it is already done: please refresh and try again.",
  413: "What you sent is too large.",
  415: "What you sent is not in an accepted format.",
  422: "This is not allowed by the rules of the service.",
  429: "Too many attempts: please wait a moment.",
  503: "The system is busy: please try again shortly.",
};

/** One message for the problem as a whole (a rule's name is kept, for the staff who look it up). */
export function problemMessage(problem: Problem, lang: "zh-CN" | "en" = "zh-CN"): string {
  if (lang === "en") {
    const base =
      BY_STATUS_EN[problem.status] ??
      (problem.status >= 500 ? "The system cannot do this now: please try again later." : "Not completed.");
    return problem.rule ? `${base} (rule: ${problem.rule})` : base;
  }
  const base =
    BY_STATUS[problem.status] ??
    (problem.status >= 500 ? "系统暂时无法处理，请稍后再试。" : "请求未能完成。");
  return problem.rule ? `${base}（规则：${problem.rule}）` : base;
}

/** Field errors by the dotted path of the field they belong to (`applicant.idNumber`), beside their form items. */
export function fieldErrors(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const key = e.path.filter((p) => p !== "body").join(".");
    out[key] = out[key] ? `${out[key]}；${e.message}` : e.message;
  }
  return out;
}

/** Seconds to wait before trying again: the answer's Retry-After (seconds or an HTTP date), else `fallback`. */
export function retryAfterSeconds(header: string | null, now: number, fallback = 1): number {
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? fallback : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * A fetch that tries a 503 again after its Retry-After (at most `attempts` times, each wait at most 10 s): the API
 * answers 503 while DynamoDB throttles or is unreachable, and the person at the window should not have to click again.
 * Only requests safe to repeat are retried: GETs, and writes carrying an Idempotency-Key.
 */
export function retrying503(
  base: typeof fetch,
  { attempts = 2, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)) } = {},
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const repeatable = request.method === "GET" || request.headers.has("idempotency-key");
    for (let attempt = 0; ; attempt++) {
      const response = await base(request.clone());
      if (response.status !== 503 || !repeatable || attempt >= attempts) return response;
      await sleep(Math.min(10, retryAfterSeconds(response.headers.get("retry-after"), Date.now())) * 1000);
    }
  };
}
