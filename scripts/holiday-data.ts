import { writeFileSync } from "node:fs";
import { GENERATED_PATH, renderHolidayData } from "../shared/calendar/holiday-data-source.ts";

/**
 * `npm run holiday-data`: regenerate shared/calendar/holiday-data.ts from the installed `chinese-days` (after an
 * upgrade of the package; its test fails while the file is stale).
 */
writeFileSync(GENERATED_PATH, await renderHolidayData());
console.log(`wrote ${GENERATED_PATH}`);
