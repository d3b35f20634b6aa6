import { applicationStateName, taskStateName, ticketStateName } from "../terms.ts";

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
  /** A refused transition (409): the record's state, and what was asked of it. */
  state?: string;
  command?: string;
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

/**
 * The rules the API names when it refuses well-formed input (422 `rule`), as the person at the screen should read them:
 * what the rule says and what to do instead. A rule not listed here is shown by its code, for the staff who look it up.
 */
export const RULE_EXPLANATIONS: Record<string, string> = {
  "acceptance-not-delegated": "该事项未委托综合窗口受理，应由部门窗口受理（第二十六条）",
  "materials-missing": "必交材料未收齐：请一次性告知补正，可容缺的材料可容缺受理（第二十七条）",
  "commitment-not-allowed": "办事指南不允许以告知承诺代替该材料（第三十七条）",
  "not-tolerable": "容缺受理只适用于办事指南标明“可容缺”的材料（第二十七条）",
  "not-a-material": "办事指南中没有该材料，不能要求申请人提交（第二十七条、第二十八条）",
  "excluded-item": "该事项列入本中心负面清单，不在本中心办理（第十八条）",
  "not-handled-here": "该事项不在本中心办理，请到办理地申请或通过区域通办",
  "item-not-resident": "该事项未进驻本中心（第十八条）",
  "no-guide": "该事项尚未发布办事指南",
  "cross-region": "该事项不支持跨区域办理",
  "joint-handling": "联合办理由中心依政府决定确定，申请人不能自行申报",
  "window-closed": "该窗口已关闭，请先开放窗口或选择其他窗口",
  "same-window": "该号已在此窗口，请选择其他窗口",
  "outside-service-hours": "当前不在中心服务时间（含延时服务），不能取号",
  "self-service-only": "当前仅开放自助服务区，窗口不取号",
  "appointment-only": "该事项仅限预约办理，请先预约",
  "consultation-and-receipt-only": "今日仅提供咨询和收件，不受理申请",
  "check-in-too-early": "尚未到预约签到时间",
  "check-in-too-late": "预约签到时间已过，请现场取号",
  "slot-passed": "该预约时段已开始，不能再预约",
  "appointment-begun": "预约时段已开始，不能再取消或改约",
  "book-ahead-limit": "超出该事项可提前预约的天数",
  "booking-in-the-past": "不能预约已过去的日期",
  "not-a-slot": "所选时间不是可预约时段",
  "same-slot": "已预约在该时段",
  "book-for-self": "申请人只能为本人预约",
  "phone-booking": "电话预约由中心工作人员登记",
  "file-too-large": "文件超过该材料允许的大小",
  "committed-limit": "承诺时限不能超过法定时限",
};

/** What a refused transition (409 with `state` and `command`) was asked to do, in the console's words. */
const COMMAND_NAMES: Record<string, string> = {
  accept: "受理",
  requestCorrection: "一次性告知补正",
  acceptWithDeficiencies: "容缺受理",
  reject: "不予受理",
  supplement: "补正材料",
  decide: "作出决定",
  startProcedure: "开始特殊程序",
  completeProcedure: "结束特殊程序",
  extend: "延长审批期限",
  requestMaterials: "通知补充材料",
  recommend: "提出审批意见",
  call: "叫号",
  serve: "开始办理",
  complete: "办结",
  markNoShow: "过号",
  transfer: "转窗口",
};
/** The states such a refusal names: an application's, a review task's, a ticket's. */
const STATE_NAMES: Record<string, string> = {
  ...Object.fromEntries(ticketStateName.codes.map((c) => [c, ticketStateName(c)])),
  ...Object.fromEntries(taskStateName.codes.map((c) => [c, taskStateName(c)])),
  ...Object.fromEntries(applicationStateName.codes.map((c) => [c, applicationStateName(c)])),
};

/** A 409 in Chinese: what was refused and why, when the API says (the record moved on meanwhile). */
function conflictMessage(problem: Problem): string {
  const state = problem.state && STATE_NAMES[problem.state];
  if (!state) return BY_STATUS[409]!;
  const command = problem.command && COMMAND_NAMES[problem.command];
  const now = `当前为“${state}”${command ? `，不能再${command}` : ""}`;
  return `办理未成功：该记录已在别处办理（其他页面或其他工作人员），${now}。`;
}

/** One message for the problem as a whole (a rule's explanation, or its code where none is written). */
export function problemMessage(problem: Problem, lang: "zh-CN" | "en" = "zh-CN"): string {
  if (lang === "en") {
    const base =
      BY_STATUS_EN[problem.status] ??
      (problem.status >= 500 ? "The system cannot do this now: please try again later." : "Not completed.");
    return problem.rule ? `${base} (rule: ${problem.rule})` : base;
  }
  if (problem.status === 409) return conflictMessage(problem);
  const base =
    BY_STATUS[problem.status] ??
    (problem.status >= 500 ? "系统暂时无法处理，请稍后再试。" : "请求未能完成。");
  if (!problem.rule) return base;
  const explained = RULE_EXPLANATIONS[problem.rule];
  return explained ? `${base.replace(/。$/, "")}：${explained}。` : `${base}（规则：${problem.rule}）`;
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
