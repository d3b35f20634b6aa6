import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { assertCenterScope, type Principal } from "#shared/auth/principal.ts";
import { businessDate } from "#shared/calendar/time-zone.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import { maskForList } from "#shared/personal-data.ts";
import type { IntakePorts } from "../adapters/ports.ts";
import { holderOf } from "../domain/applicant.ts";
import { newAuthorisation, type Authorisation, type AuthorisationInput } from "../domain/authorisation.ts";
import { authorisationRecorded, authorisationRevoked } from "../contract/events.ts";

type Ports = Pick<IntakePorts, "authorisations" | "reference" | "clock" | "ids">;

/**
 * A clerk records an authorisation to act for an applicant (代办, issue 15), from the document shown at the window:
 * the grantor's power of attorney (or guardianship, or an organisation's letter) and the agent's ID card, both seen.
 */
export async function recordAuthorisation(
  input: AuthorisationInput,
  caller: Caller,
  ports: Ports,
): Promise<Authorisation> {
  assertCenterScope(caller.principal, input.centerId);
  const now = ports.clock.now();
  const authorisation = newAuthorisation(input, {
    id: ports.ids.next("auz"),
    today: businessDate(now),
    recordedBy: caller.principal.sub,
    recordedAt: now.toISOString(),
  });
  const unknown = await Promise.all(
    (input.itemIds ?? []).map(async (itemId, i) =>
      (await ports.reference.currentGuide(itemId)) ? [] : [{ path: ["itemIds", i], message: "no such item" }],
    ),
  );
  if (unknown.flat().length) throw new ValidationError(unknown.flat());
  const event = newEvent(
    authorisationRecorded,
    {
      authorisationId: authorisation.id,
      centerId: authorisation.centerId,
      grantorKind: authorisation.grantor.kind,
      documentKind: authorisation.document.kind,
      itemIds: authorisation.itemIds,
      validFrom: authorisation.validFrom,
      validUntil: authorisation.validUntil,
    },
    causedBy(caller, "intake", authorisation.id),
    ports,
  );
  await ports.authorisations.create(authorisation, event);
  return authorisation;
}

/** Whether the caller is the grantor: the person verified as them, or an account verified for the organisation. */
function isGrantor(principal: Principal, authorisation: Authorisation): boolean {
  const holder = holderOf(authorisation.grantor);
  return (
    principal.role === "applicant" &&
    (principal.verifiedIdentity?.idNumber === holder || (principal.organisations ?? []).includes(holder))
  );
}

const isAgent = (principal: Principal, authorisation: Authorisation) =>
  principal.role === "applicant" && principal.verifiedIdentity?.idNumber === authorisation.agent.idNumber;

/** An authorisation, to its grantor, its agent, or the staff of the center that recorded it. */
export async function getAuthorisation(id: string, caller: Caller, ports: Ports): Promise<Authorisation> {
  const authorisation = await ports.authorisations.get(id);
  if (!authorisation) throw new NotFoundError(`Authorisation ${id} does not exist.`);
  const p = caller.principal;
  if (p.role === "applicant") {
    if (!isGrantor(p, authorisation) && !isAgent(p, authorisation))
      throw new ForbiddenError("This authorisation concerns other people.");
  } else assertCenterScope(p, authorisation.centerId);
  return authorisation;
}

/** The authorisations that let the signed-in applicant act for others, newest first (ID numbers masked). */
export async function myAuthorisations(
  page: { cursor?: string; limit: number },
  caller: Caller,
  ports: Ports,
) {
  const identity = caller.principal.verifiedIdentity;
  if (!identity) return { items: [] };
  const found = await ports.authorisations.byAgent(identity.idNumber, page);
  return { ...found, items: found.items.map((a) => maskForList(a)) };
}

/**
 * Revoke an authorisation: its grantor may at any time, online; a clerk of the center that recorded it, when the
 * grantor asks at a window. The agent's applications already submitted stay the grantor's.
 */
export async function revokeAuthorisation(id: string, caller: Caller, ports: Ports): Promise<Authorisation> {
  const current = await getAuthorisation(id, caller, ports);
  const p = caller.principal;
  const by = p.role === "applicant" ? "grantor" : "clerk";
  if (p.role === "applicant" && !isGrantor(p, current))
    throw new ForbiddenError("Only the grantor, or a clerk at a window, revokes an authorisation.");
  if (current.revokedAt) return current;
  const revoked: Authorisation = {
    ...current,
    revokedAt: ports.clock.now().toISOString(),
    revokedBy: p.sub,
    version: current.version + 1,
  };
  const event = newEvent(
    authorisationRevoked,
    { authorisationId: id, centerId: current.centerId, revokedBy: by },
    causedBy(caller, "intake", id),
    ports,
  );
  await ports.authorisations.save(revoked, event);
  return revoked;
}
