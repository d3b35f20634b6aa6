import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidBusinessDateError } from "./errors.ts";
import {
  BUSINESS_TIME_ZONE,
  businessDate,
  daysBetween,
  epochDay,
  isBusinessDate,
  startOfBusinessDate,
} from "./time-zone.ts";

const intlDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: BUSINESS_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

describe("business dates in Asia/Shanghai", () => {
  it("are the UTC date 8 hours on, exactly as Intl says (no DST in the covered years)", () => {
    // Arrange: any instant from 2003 to 2028
    const instants = fc
      .integer({ min: Date.UTC(2003, 0, 1), max: Date.UTC(2028, 0, 1) })
      .map((ms) => new Date(ms));

    // Act + Assert
    fc.assert(fc.property(instants, (at) => businessDate(at) === intlDate.format(at)));
  });

  it("change at 16:00 UTC, which is 00:00 in Beijing", () => {
    // Arrange
    const lastMoment = new Date("2026-02-13T15:59:59.999Z");
    const midnight = new Date("2026-02-13T16:00:00Z");

    // Act + Assert
    expect(businessDate(lastMoment)).toBe("2026-02-13");
    expect(businessDate(midnight)).toBe("2026-02-14");
    expect(startOfBusinessDate("2026-02-14")).toEqual(midnight);
  });

  it("accept real YYYY-MM-DD dates, leap days included", () => {
    expect(isBusinessDate("2024-02-29")).toBe(true);
    expect(epochDay("1970-01-02")).toBe(1);
    expect(daysBetween("2026-02-13", "2026-02-27")).toBe(14);
    expect(daysBetween("2026-02-27", "2026-02-13")).toBe(-14);
  });

  it.each([
    "2026-02-30",
    "2025-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-1-4",
    "2026-01-04T00:00",
    " 2026-01-04",
    "",
  ])("refuse %j with InvalidBusinessDateError", (value) => {
    // Act + Assert
    expect(isBusinessDate(value)).toBe(false);
    expect(() => epochDay(value)).toThrow(InvalidBusinessDateError);
  });
});
