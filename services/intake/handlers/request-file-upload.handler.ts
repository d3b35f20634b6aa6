import { created } from "#shared/http/responses.ts";
import { materialsStorage } from "../adapters/file-storage.ts";
import { intakeHttpWith } from "../adapters/http.ts";
import { fileRoutes } from "../file-routes.ts";
import { requestUpload } from "../use-cases/files.use-case.ts";

export const handler = intakeHttpWith({ storage: materialsStorage() })(
  fileRoutes.requestUpload,
  async ({ body, principal, correlationId }, ports) => {
    const ticket = await requestUpload(body, { principal, correlationId }, ports);
    return created(ticket, `/v1/files/${ticket.file.id}`);
  },
);
