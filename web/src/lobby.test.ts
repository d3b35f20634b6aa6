import { describe, expect, it } from "vitest";
import { announcement, newCalls } from "./lobby.ts";

const call = (number: string, calledAt: string) => ({ number, windowCode: "B01", calledAt });

describe("the lobby's calling screen", () => {
  it("says the ticket and its window as the hall hears it", () => {
    expect(announcement({ number: "A012", windowCode: "3" })).toBe("请 A012 号到 3 号窗口");
  });

  it("speaks only calls made after it was switched on, oldest first, each once", () => {
    const seen = new Set<string>();
    const morning = [call("A002", "2026-12-07T01:02:00Z"), call("A001", "2026-12-07T01:01:00Z")];
    expect(newCalls(morning, seen, true)).toEqual([]);
    const next = [call("A004", "2026-12-07T01:04:00Z"), call("A003", "2026-12-07T01:03:00Z"), ...morning];
    expect(newCalls(next, seen, false).map((c) => c.number)).toEqual(["A003", "A004"]);
    expect(newCalls(next, seen, false)).toEqual([]);
  });

  it("speaks a ticket called again (a recall) as a new call", () => {
    const seen = new Set<string>();
    newCalls([call("A001", "2026-12-07T01:01:00Z")], seen, true);
    expect(newCalls([call("A001", "2026-12-07T01:05:00Z")], seen, false)).toHaveLength(1);
  });
});
