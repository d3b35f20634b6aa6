import { writeFileSync } from "node:fs";
import { formattedEventsDocument } from "../infra/events-doc.ts";
import { clientTypes } from "../infra/client-types.ts";
import { openApiDocument, routeTable } from "../infra/openapi.ts";

/**
 * `npm run docs`: regenerate docs/openapi.json, docs/events.md and the fallback route's table of paths and methods
 * from the manifest (tests fail when stale).
 */
writeFileSync("docs/openapi.json", `${JSON.stringify(openApiDocument(), null, 2)}\n`);
writeFileSync("docs/events.md", await formattedEventsDocument());
writeFileSync("shared/http/route-table.json", `${JSON.stringify(routeTable(), null, 1)}\n`);
writeFileSync("clients/typescript/api.d.ts", await clientTypes());
console.log(
  "wrote docs/openapi.json, docs/events.md, shared/http/route-table.json and clients/typescript/api.d.ts",
);
