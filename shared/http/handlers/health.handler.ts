import { httpHandlerFactory } from "../handler.ts";
import { platformRoutes } from "../platform.ts";
import { ok } from "../responses.ts";

export const handler = httpHandlerFactory({ deps: {} })(platformRoutes.health, async () =>
  ok({ status: "ok" }),
);
