import * as z from "zod";
import type { Principal } from "#shared/auth/principal.ts";
import { daysBetween } from "#shared/calendar/time-zone.ts";
import { ForbiddenError, ValidationError } from "#shared/errors.ts";
import { idSchema, plainName } from "#shared/http/schemas.ts";
import { applicantSchema, holderOf, residentIdSchema, type Applicant } from "./applicant.ts";

/**
 * Acting for another (代办 / 授权委托, issue 15). Online, an applicant applies as the identity real-name verification
 * bound their account to, or for an organisation they are verified to act for — never under another's ID number, so
 * nobody reaches a stranger's e-licenses (art. 36). To apply for someone else, the grantor's authorisation is shown
 * at a window; the clerk records it, naming the agent by ID number, the items (or all), and how long it holds. The
 * agent's account may then apply for the grantor, online or at a window, within that authorisation.
 */
export const AUTHORISATION_DOCUMENTS = [
  "power-of-attorney", // 授权委托书
  "notarised-power-of-attorney", // 经公证的委托书
  "guardianship", // 监护关系证明 (a minor's or a ward's guardian)
  "organisation-letter", // 单位介绍信 / 法定代表人授权书
] as const;

/** The longest an authorisation recorded at a window holds (policy: a year, as powers of attorney usually run). */
export const MAX_AUTHORISATION_DAYS = 366;

export const authorisationInputSchema = z.object({
  centerId: idSchema("ctr"),
  grantor: applicantSchema,
  agent: z.object({ name: plainName(50), idNumber: residentIdSchema }),
  /** The items the agent may apply for; absent: every item. */
  itemIds: z.array(idSchema("itm")).min(1).max(20).optional(),
  /** The last day it holds (Beijing date). */
  validUntil: z.iso.date(),
  document: z.object({
    kind: z.enum(AUTHORISATION_DOCUMENTS),
    /** The document's number or the clerk's filing reference, so the paper can be found again. */
    reference: plainName(100, 1),
  }),
});
export type AuthorisationInput = z.output<typeof authorisationInputSchema>;

export interface Authorisation extends Omit<AuthorisationInput, "grantor"> {
  id: string;
  grantor: Applicant;
  validFrom: string;
  recordedBy: string;
  recordedAt: string;
  revokedAt?: string;
  revokedBy?: string;
  version: number;
}

/** A new authorisation, as the clerk records it on `today` (Beijing date). */
export function newAuthorisation(
  input: AuthorisationInput,
  meta: { id: string; today: string; recordedBy: string; recordedAt: string },
): Authorisation {
  const issues = [
    ...(input.validUntil < meta.today ? [{ path: ["validUntil"], message: "already past" }] : []),
    ...(daysBetween(meta.today, input.validUntil) > MAX_AUTHORISATION_DAYS
      ? [{ path: ["validUntil"], message: `at most ${MAX_AUTHORISATION_DAYS} days from today` }]
      : []),
    ...(input.grantor.kind === "person" && input.grantor.idNumber === input.agent.idNumber
      ? [{ path: ["agent", "idNumber"], message: "the agent is the grantor: nobody acts for themself" }]
      : []),
  ];
  if (issues.length) throw new ValidationError(issues);
  return {
    ...input,
    id: meta.id,
    validFrom: meta.today,
    recordedBy: meta.recordedBy,
    recordedAt: meta.recordedAt,
    version: 1,
  };
}

/** Whether the authorisation lets its agent apply for `itemId` on `today`; the reason when not. */
export function authorisationRefusal(
  authorisation: Authorisation,
  itemId: string,
  today: string,
): string | undefined {
  if (authorisation.revokedAt) return "the authorisation was revoked";
  if (today < authorisation.validFrom || today > authorisation.validUntil)
    return "the authorisation is not valid today";
  if (authorisation.itemIds && !authorisation.itemIds.includes(itemId))
    return "the authorisation does not cover this item";
  return undefined;
}

const forbidden = (rule: string, detail: string) => new ForbiddenError(detail, { rule });

/**
 * Whether an online applicant may apply as `applicant` for these items (issue 15). Themself (ID number and name as
 * verified), an organisation they are verified for, or a grantor whose authorisation names them as agent.
 */
export function assertMayApplyAs(
  principal: Principal,
  applicant: Applicant,
  itemIds: string[],
  authorisation: Authorisation | undefined,
  today: string,
): void {
  const identity = principal.verifiedIdentity;
  if (!identity)
    throw forbidden(
      "identity-not-verified",
      "Verify your identity (实名认证) before applying online, or apply at a window with your ID card.",
    );
  const holder = holderOf(applicant);
  if (!authorisation) {
    if (applicant.kind === "person" && holder === identity.idNumber) {
      if (applicant.name !== identity.name)
        throw new ValidationError([
          { path: ["applicant", "name"], message: "not the name verified for this account" },
        ]);
      return;
    }
    if (applicant.kind === "organisation" && principal.organisations?.includes(holder)) return;
    throw forbidden(
      "not-your-identity",
      "Online you apply as yourself or for an organisation you are verified for. To act for someone else, have " +
        "their authorisation recorded at a window (代办), then name it.",
    );
  }
  if (authorisation.agent.idNumber !== identity.idNumber || holderOf(authorisation.grantor) !== holder)
    throw forbidden("not-authorised", "This authorisation does not name you as agent for this applicant.");
  for (const itemId of itemIds) {
    const refusal = authorisationRefusal(authorisation, itemId, today);
    if (refusal) throw forbidden("not-authorised", `You may not act for this applicant: ${refusal}.`);
  }
  if (applicant.name !== authorisation.grantor.name)
    throw new ValidationError([
      { path: ["applicant", "name"], message: "not the grantor's name on the authorisation" },
    ]);
}

/**
 * A clerk naming an authorisation at a window: the person present is its agent (the clerk checked their ID card) and
 * the application is the grantor's, for items the authorisation covers.
 */
export function assertWindowAuthorisation(
  applicant: Applicant,
  itemIds: string[],
  authorisation: Authorisation,
  today: string,
): void {
  if (holderOf(authorisation.grantor) !== holderOf(applicant))
    throw new ValidationError([
      { path: ["actingFor", "authorisationId"], message: "granted by someone other than the applicant" },
    ]);
  for (const itemId of itemIds) {
    const refusal = authorisationRefusal(authorisation, itemId, today);
    if (refusal) throw new ValidationError([{ path: ["actingFor", "authorisationId"], message: refusal }]);
  }
}
