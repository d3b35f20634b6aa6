import { statutoryHolidays } from "../shared/calendar/statutory-holidays.ts";
for (const y of [2025, 2026, 2027, 2028, 2033]) console.log(y, statutoryHolidays(y).map(d => d.date.slice(5) + d.festival.slice(0,3)).join(" "));
