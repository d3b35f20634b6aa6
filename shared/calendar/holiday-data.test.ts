import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lunarDatesFromPackage, renderHolidayData, schedulesFromPackage } from "./holiday-data-source.ts";
import { PACKAGE_YEARS } from "./holiday-schedule.ts";
import { LUNAR_TABLES_FROM, LUNAR_TABLES_UNTIL, statutoryHolidays } from "./statutory-holidays.ts";

describe("the holiday data the bundles carry instead of the chinese-days package", () => {
  it("is what `npm run holiday-data` makes from the installed package", async () => {
    // Arrange
    const committed = readFileSync(new URL("./holiday-data.ts", import.meta.url), "utf8");

    // Act
    const generated = await renderHolidayData();

    // Assert: after a package upgrade, run `npm run holiday-data`
    expect(committed).toBe(generated);
  });

  it("gives every year the package ships as the same calendar: ranges, festivals and make-up days", () => {
    // Arrange
    const fromPackage = schedulesFromPackage();

    // Act + Assert
    expect([...PACKAGE_YEARS.keys()]).toEqual([...fromPackage.keys()]);
    for (const [year, schedule] of fromPackage) {
      expect(PACKAGE_YEARS.get(year)).toEqual({
        year,
        source: "package",
        holidays: schedule.holidays.map(([name, from, to, festival]) => ({
          name,
          from,
          to,
          festivals: festival ? [festival] : [],
        })),
        makeUpWorkingDays: schedule.makeUpWorkingDays,
      });
    }
  });

  it("gives the statutory days the package's lunar dates and 清明 in every year of its tables", () => {
    for (let year = LUNAR_TABLES_FROM; year <= LUNAR_TABLES_UNTIL; year++) {
      // Arrange
      const [newYear, qingming, dragonBoat, midAutumn] = lunarDatesFromPackage(year);

      // Act
      const days = new Map(statutoryHolidays(year).map((d) => [d.label, d.date]));

      // Assert
      expect([
        days.get("正月初一"),
        days.get("清明"),
        days.get("农历五月初五"),
        days.get("农历八月十五"),
      ]).toEqual([newYear, qingming, dragonBoat, midAutumn]);
    }
  });
});
