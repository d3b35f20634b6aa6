import type { Principal } from "#shared/auth/principal.ts";
import { maskForList } from "#shared/personal-data.ts";
import { DOCUMENT_KINDS, type Application, type DocumentRef } from "./application.ts";

/** Roles that work with an applicant's ID and phone numbers in full — on one case they opened (issue 16). */
const FULL_VIEW_ROLES: ReadonlySet<Principal["role"]> = new Set(["clerk", "approver", "chiefRep"]);

/**
 * What an answer shows of an application (issue 16): never the projection's bookkeeping (when and from which event
 * intake copied the guide); personal data masked, except in the case opened by staff who handle it. The applicant
 * does not get their own ID number back: they have it, and an answer is copied into logs and caches on its way.
 */
export function applicationView<T extends Application>(application: T, reader: Principal, opened = false): T {
  const { projectedAt: _p, sourceEventId: _s, ...guide } = application.guide;
  const documents = application.documents.map((d) => ({ ...d, href: documentHref(application.id, d) }));
  const view = { ...application, guide, documents } as T;
  return opened && FULL_VIEW_ROLES.has(reader.role) ? view : maskForList(view);
}

/** Where a document of the case is read (and printed with `?format=html`): intake's, review's sealed ones, the e-license. */
export function documentHref(applicationId: string, document: Pick<DocumentRef, "id" | "kind">): string {
  if (document.kind === "eLicense") return `/v1/applications/${applicationId}/e-license`;
  return (DOCUMENT_KINDS as readonly string[]).includes(document.kind)
    ? `/v1/applications/${applicationId}/documents/${document.id}`
    : `/v1/documents/${document.id}`;
}
