import { describe, expect, it } from "vitest";
import { fieldErrors, problemMessage, retryAfterSeconds, retrying503, RULE_EXPLANATIONS } from "./problem.ts";

describe("problems as the console shows them", () => {
  it("puts field errors beside their fields and says the rest in one Chinese message", () => {
    const problem = {
      status: 400,
      errors: [
        { path: ["applicant", "idNumber"], message: "not a valid resident ID number" },
        { path: ["materials", 0, "name"], message: "not in the guide" },
        { path: ["applicant", "idNumber"], message: "required" },
      ],
    };
    expect(fieldErrors(problem)).toEqual({
      "applicant.idNumber": "not a valid resident ID number；required",
      "materials.0.name": "not in the guide",
    });
    expect(problemMessage(problem)).toBe("填写的内容有误，请按提示修改。");
    expect(problemMessage({ status: 502 })).toBe("系统暂时无法处理，请稍后再试。");
  });

  it("explains a rule the API names in Chinese, and keeps the code of one it has no words for", () => {
    expect(problemMessage({ status: 422, rule: "acceptance-not-delegated" })).toBe(
      "不符合办理规则：该事项未委托综合窗口受理，应由部门窗口受理（第二十六条）。",
    );
    expect(problemMessage({ status: 422, rule: "materials-missing" })).not.toMatch(/[a-z]/);
    expect(problemMessage({ status: 422, rule: "some-new-rule" })).toBe(
      "不符合办理规则。（规则：some-new-rule）",
    );
    // Every explanation is Chinese: no raw English code shown to the person at the screen
    for (const explanation of Object.values(RULE_EXPLANATIONS)) expect(explanation).not.toMatch(/[a-z]{3}/);
  });

  it("says what a 409 refused and in which state the record now is", () => {
    expect(problemMessage({ status: 409, state: "decided", command: "decide" })).toBe(
      "办理未成功：该记录已在别处办理（其他页面或其他工作人员），当前为“已决定”，不能再作出决定。",
    );
    expect(problemMessage({ status: 409, state: "accepted", command: "reject" })).toContain(
      "当前为“已受理”，不能再不予受理",
    );
    // A stale version names no state: the general explanation
    expect(problemMessage({ status: 409 })).toBe("该记录刚被他人修改或已办理，请刷新后再试。");
    expect(problemMessage({ status: 409, state: "somethingElse", command: "decide" })).toBe(
      "该记录刚被他人修改或已办理，请刷新后再试。",
    );
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterSeconds("3", 0)).toBe(3);
    expect(retryAfterSeconds(new Date(5_000).toUTCString(), 1_000)).toBe(4);
    expect(retryAfterSeconds(null, 0, 2)).toBe(2);
  });

  it("tries a 503 again after Retry-After, but only what is safe to repeat", async () => {
    const answers = [503, 503, 200];
    const calls: string[] = [];
    const waits: number[] = [];
    const base = (async (req: Request) => {
      calls.push(req.method);
      return new Response(null, { status: answers.shift() ?? 200, headers: { "retry-after": "2" } });
    }) as unknown as typeof fetch;
    const f = retrying503(base, { sleep: async (ms) => void waits.push(ms) });
    expect((await f("http://x/v1/health")).status).toBe(200);
    expect(waits).toEqual([2000, 2000]);
    answers.push(503);
    expect((await f("http://x/v1/items", { method: "POST" })).status).toBe(503);
    expect(calls).toEqual(["GET", "GET", "GET", "POST"]);
  });
});
