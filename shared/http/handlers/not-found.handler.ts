import { NotFoundError } from "../../errors.ts";
import { httpHandlerFactory } from "../handler.ts";
import { fallbackRoute } from "../platform.ts";

export const handler = httpHandlerFactory({ deps: {} })(fallbackRoute, async () => {
  throw new NotFoundError("No route matches this method and path.");
});
