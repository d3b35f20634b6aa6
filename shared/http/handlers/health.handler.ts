import { platformHttp } from "../chain.ts";
import { platformRoutes } from "../platform.ts";
import { ok } from "../responses.ts";

export const handler = platformHttp(platformRoutes.health, async () => ok({ status: "ok" }));
