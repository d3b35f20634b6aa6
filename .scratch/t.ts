import cd from "chinese-days";
const { getSolarDateFromLunar, getSolarTermDate, getYearLeapMonth } = cd as any;
for (const y of [2025, 2026, 2027, 2028, 2033, 2050, 2099]) {
  console.log(y, getSolarDateFromLunar(`${y}-01-01`), getSolarDateFromLunar(`${y-1}-12-30`), getSolarDateFromLunar(`${y-1}-12-29`),getSolarDateFromLunar(`${y}-05-05`).date, getSolarDateFromLunar(`${y}-08-15`).date, getSolarTermDate(y, 4, "pure_brightness"), getYearLeapMonth(y-1).leapMonth);
}
