import { writeFileSync } from "node:fs";
import { openApiDocument } from "../infra/openapi.ts";

/** `npm run openapi`: regenerate docs/openapi.json from the manifest. */
writeFileSync("docs/openapi.json", `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log("wrote docs/openapi.json");
