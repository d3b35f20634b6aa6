import { describe, expect, it } from "vitest";
import { fieldErrors, problemMessage, retryAfterSeconds, retrying503 } from "./problem.ts";

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
    expect(problemMessage({ status: 422, rule: "acceptance-not-delegated" })).toContain(
      "acceptance-not-delegated",
    );
    expect(problemMessage({ status: 502 })).toBe("系统暂时无法处理，请稍后再试。");
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
