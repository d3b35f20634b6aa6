import { ok } from "#shared/http/responses.ts";
import { catalogHttp } from "../adapters/http.ts";
import { routes } from "../routes.ts";
import { getStaffCard } from "../use-cases/staff.use-case.ts";

export const handler = catalogHttp(routes.getStaffCard, async ({ params }, ports) =>
  ok(await getStaffCard(params.staffId, ports)),
);
