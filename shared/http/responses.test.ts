import { describe, expect, it } from "vitest";
import { InternalError } from "../errors.ts";
import { problemResponse, toProblem } from "./problem.ts";
import { noContent, ok, text, toApiResult } from "./responses.ts";

describe("response headers", () => {
  it("let nothing load or run in a printable page, and let no browser guess a content type", () => {
    // Act
    const page = toApiResult(text("<p>受理凭证</p>", "text/html; charset=utf-8"));
    const csv = toApiResult(text("a,b\r\n", "text/csv; charset=utf-8"));
    const json = toApiResult(ok({ a: 1 }));
    const empty = toApiResult(noContent());
    const problem = problemResponse(toProblem(new InternalError("boom")));

    // Assert
    expect(page.headers).toMatchObject({
      "content-security-policy": expect.stringContaining("default-src 'none'"),
      "x-content-type-options": "nosniff",
    });
    expect(csv.headers).not.toHaveProperty("content-security-policy");
    for (const headers of [csv.headers, json.headers, empty.headers, problem.headers]) {
      expect(headers).toMatchObject({ "x-content-type-options": "nosniff" });
    }
  });
});
