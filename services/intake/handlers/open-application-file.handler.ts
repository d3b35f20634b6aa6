import { ok } from "#shared/http/responses.ts";
import { materialsStorage } from "../adapters/file-storage.ts";
import { intakeHttpWith } from "../adapters/http.ts";
import { fileRoutes } from "../file-routes.ts";
import { openApplicationFile } from "../use-cases/files.use-case.ts";

export const handler = intakeHttpWith({ storage: materialsStorage() })(
  fileRoutes.openApplicationFile,
  async ({ params, principal, correlationId }, ports) =>
    ok(await openApplicationFile(params.applicationId, params.fileId, { principal, correlationId }, ports)),
);
