import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { fileRoutes } from "../file-routes.ts";
import { listFileAccesses } from "../use-cases/files.use-case.ts";

export const handler = intakeHttp(
  fileRoutes.listFileAccesses,
  async ({ params, query, principal, correlationId }, ports) =>
    ok(
      await listFileAccesses(params.applicationId, params.fileId, query, { principal, correlationId }, ports),
    ),
);
