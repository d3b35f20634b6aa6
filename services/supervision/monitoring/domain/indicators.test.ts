import { describe, expect, it } from "vitest";
import { flatten, toCsv } from "./indicators.ts";

describe("indicator export", () => {
  it("flattens nested figures into dotted columns, ratios as their rate", () => {
    expect(
      flatten({ cases: { completed: 2, onTime: { numerator: 1, denominator: 2, rate: 0.5 } }, note: null }),
    ).toEqual({ "cases.completed": 2, "cases.onTime": 0.5, note: null });
  });

  it("writes RFC 4180 CSV: quoted cells where needed, empty for missing, CRLF lines", () => {
    const csv = toCsv([
      { scope: "center", a: 1 },
      { scope: 'dep "x", y', b: 2 },
    ]);
    expect(csv).toBe('scope,a,b\r\ncenter,1,\r\n"dep ""x"", y",,2\r\n');
  });

  it("neutralises text a spreadsheet would run as a formula, and leaves numbers alone", () => {
    const csv = toCsv([{ scope: '=HYPERLINK("http://x")', a: -1, b: "+1", c: "@SUM(A1)", d: "-2" }]);
    expect(csv.split("\r\n")[1]).toBe(`"'=HYPERLINK(""http://x"")",-1,'+1,'@SUM(A1),'-2`);
  });
});
