import { writeFileSync } from "node:fs";
import { formattedEventsDocument } from "../infra/events-doc.ts";
import { openApiDocument } from "../infra/openapi.ts";

/** `npm run docs`: regenerate docs/openapi.json and docs/events.md from the manifest (tests fail when stale). */
writeFileSync("docs/openapi.json", `${JSON.stringify(openApiDocument(), null, 2)}\n`);
writeFileSync("docs/events.md", await formattedEventsDocument());
console.log("wrote docs/openapi.json and docs/events.md");
