import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { fileRoutes } from "../file-routes.ts";
import { checkUpload } from "../use-cases/files.use-case.ts";

export const handler = intakeHttp(
  fileRoutes.checkUpload,
  async ({ params, principal, correlationId }, ports) =>
    ok(await checkUpload(params.fileId, { principal, correlationId }, ports)),
);
