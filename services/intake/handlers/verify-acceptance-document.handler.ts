import { ok } from "#shared/http/responses.ts";
import { intakeHttpWith } from "../adapters/http.ts";
import { intakeSeal } from "../adapters/seal.ts";
import { routes } from "../routes.ts";
import { verifyAcceptanceDocument } from "../use-cases/read-applications.use-case.ts";

export const handler = intakeHttpWith({ seal: intakeSeal() })(
  routes.verifyAcceptanceDocument,
  async ({ params, query }, ports) =>
    ok(await verifyAcceptanceDocument(params.applicationId, params.documentId, query.sha256, ports)),
);
