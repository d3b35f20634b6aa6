import type { Application, CaseDecision, CaseDelivery, DocumentRef } from "./application.ts";
import { nextState } from "./application.ts";
import { canonicalJson } from "#shared/signing/canonical.ts";

/**
 * The applicant's case follows review and delivery (art. 31; issue 16). Intake owns the application, the other
 * services own their stages; their events tell intake what happened and intake records it — never decides it. Events
 * of two services reach intake in any order (a result can be delivered before the decision's event arrives), so each
 * fact is kept as it comes and the state moves only as far as the facts so far allow: `decided` once the decision is
 * known, `delivered` once the decision and the completed delivery both are. Pure; the same fact twice changes nothing
 * and returns the very application it was given, which is how the consumer knows there is nothing to write.
 */

/** A step another service took on the case, as the case's history shows it (only what its readers may see). */
export interface CaseStep {
  id: string;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string };
  data: Record<string, unknown>;
}

/** A document issued on the case, listed once however often its event arrives. */
export function withCaseDocument(application: Application, ref: DocumentRef): Application {
  if (application.documents.some((d) => d.id === ref.id)) return application;
  return { ...application, documents: [...application.documents, ref] };
}

/** The same fact as stored (a map's attributes in any order): a redelivered event finds its fact there already. */
const sameFact = (a: object | undefined, b: object) =>
  a !== undefined && canonicalJson(a) === canonicalJson(b);

/**
 * Review's decision, with its sealed document (行政许可法 art. 38–39). The same decision again returns the application
 * itself: the consumer tells a redelivery by that (nothing to write, issue 21).
 */
export function followDecision(
  application: Application,
  decision: CaseDecision,
  issuedAt: string,
): Application {
  if (
    sameFact(application.decision, decision) &&
    application.documents.some((d) => d.id === decision.documentId)
  )
    return settle(application);
  const recorded = withCaseDocument(
    { ...application, decision },
    {
      id: decision.documentId,
      kind: decision.outcome === "approved" ? "approvalDecision" : "denialDecision",
      number: decision.number,
      issuedAt,
    },
  );
  return settle(recorded);
}

/** Where the delivery stands; a later report never goes back to an earlier one (a retry delivers an old event). */
export function followDelivery(application: Application, delivery: CaseDelivery): Application {
  const current = application.delivery;
  if (current?.progress === "completed") return application;
  if (current && current.deliveryId === delivery.deliveryId && current.at > delivery.at) return application;
  const next = { ...delivery, method: delivery.method ?? current?.method };
  if (sameFact(current, next)) return settle(application);
  return settle({ ...application, delivery: next });
}

/** Move the state as far as the recorded facts allow (decided, then delivered). */
function settle(application: Application): Application {
  let state = application.state;
  if (application.decision && (state === "accepted" || state === "acceptedWithDeficiencies"))
    state = nextState(state, "recordDecision");
  if (state === "decided" && application.delivery?.progress === "completed")
    state = nextState(state, "recordDelivery");
  return state === application.state ? application : { ...application, state };
}
