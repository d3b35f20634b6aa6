import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { fileRoutes } from "../file-routes.ts";
import { getFile } from "../use-cases/files.use-case.ts";

export const handler = intakeHttp(fileRoutes.getFile, async ({ params, principal, correlationId }, ports) =>
  ok(await getFile(params.fileId, { principal, correlationId }, ports)),
);
