import { MethodNotAllowedError, NotFoundError } from "../../errors.ts";
import { platformHttp } from "../chain.ts";
import { fallbackRoute } from "../platform.ts";
import table from "../route-table.json" with { type: "json" };
import { allowedMethods } from "../route-match.ts";

const methodsOf = allowedMethods(table);

/** Every request no route takes: 405 with `Allow` when the path exists with other methods, else 404. */
export const handler = platformHttp(fallbackRoute, async ({ request }) => {
  const allow = methodsOf(request.path);
  if (allow.length) throw new MethodNotAllowedError(allow);
  throw new NotFoundError("No route matches this method and path.");
});
