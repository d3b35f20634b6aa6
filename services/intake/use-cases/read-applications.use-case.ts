import type { Caller } from "#shared/auth/caller.ts";
import { assertCenterScope } from "#shared/auth/principal.ts";
import type { Page } from "#shared/aws/pagination.ts";
import { NotFoundError } from "#shared/errors.ts";
import { verification } from "#shared/signing/sealed-document.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import { contactProvided } from "../contract/events.ts";
import type { Application, ApplicationState } from "../domain/application.ts";
import { applicationView } from "../domain/application-view.ts";
import { documentHtml, type AcceptanceDocument } from "../domain/documents.ts";
import { visibleApplication } from "./load.ts";

type Ports = Pick<IntakePorts, "applications" | "reference">;

/** A case as its owner or the center's staff see it: state, documents and the full history (art. 31). */
export async function getApplication(applicationId: string, caller: Caller, ports: Ports) {
  const application = await visibleApplication(applicationId, caller.principal, ports);
  // The contact hand-off tells delivery how to reach the applicant; it is no step of the case, and its phone and
  // email are not for every reader of the history.
  const steps = (await ports.applications.history(applicationId)).filter(
    (e) => e.type !== contactProvided.type,
  );
  const history = steps.map((e) => ({
    id: e.id,
    type: e.type,
    occurredAt: e.occurredAt,
    actor: e.actor,
    data: e.data,
  }));
  return { ...applicationView(application, caller.principal, true), history };
}

/**
 * Applicants: their own cases. Staff: their center's cases in a state (the clerk's worklist), with ID and phone numbers
 * masked — a worklist is a list; the case itself, opened, shows them to those who handle it.
 */
export async function listApplications(
  query: { state: ApplicationState; cursor?: string; limit: number },
  caller: Caller,
  ports: Ports,
): Promise<Page<Application>> {
  const p = caller.principal;
  if (p.role !== "applicant") assertCenterScope(p, p.centerId!);
  const page =
    p.role === "applicant"
      ? await ports.applications.ofOwner(p.sub, query)
      : await ports.applications.inCenter(p.centerId!, query.state, query);
  return { ...page, items: page.items.map((a) => applicationView(a, p)) };
}

/** One of a case's documents, as data or as a printable page. */
export async function getAcceptanceDocument(
  applicationId: string,
  documentId: string,
  caller: Caller,
  ports: Ports,
): Promise<{ document: AcceptanceDocument; html: string }> {
  const application = await visibleApplication(applicationId, caller.principal, ports);
  const document = await ports.applications.document(applicationId, documentId);
  if (!document) throw new NotFoundError(`Application ${applicationId} has no document ${documentId}.`);
  const center = await ports.reference.center(application.centerId);
  return { document, html: documentHtml(document, center?.name ?? application.centerId) };
}

/**
 * Whether a receipt or notice is intact and sealed by whom — public, for anyone holding it (a bank, a landlord, the
 * applicant's agent): the stored copy is hashed again and the signature checked; a presented copy's SHA-256 too.
 */
export async function verifyAcceptanceDocument(
  applicationId: string,
  documentId: string,
  presentedSha256: string | undefined,
  ports: Pick<IntakePorts, "applications" | "seal">,
) {
  const document = await ports.applications.document(applicationId, documentId);
  if (!document) throw new NotFoundError(`Application ${applicationId} has no document ${documentId}.`);
  return verification(document, presentedSha256, ports.seal);
}
