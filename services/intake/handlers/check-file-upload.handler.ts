import { ok } from "#shared/http/responses.ts";
import { materialsStorage } from "../adapters/file-storage.ts";
import { intakeHttpWith } from "../adapters/http.ts";
import { fileRoutes } from "../file-routes.ts";
import { checkUpload } from "../use-cases/files.use-case.ts";

export const handler = intakeHttpWith({ storage: materialsStorage() })(
  fileRoutes.checkUpload,
  async ({ params, principal, correlationId }, ports) =>
    ok(await checkUpload(params.fileId, { principal, correlationId }, ports)),
);
