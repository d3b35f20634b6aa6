import * as z from "zod";
import { ROLES } from "./roles.ts";

/**
 * Which claims of a verified token carry the principal's fields (issue 23, point 2): configuration, not code, so the
 * same functions take Cognito's ID tokens and those of an external OpenID Connect provider — in the China regions the
 * city's unified identity platform, whose claim names and role values are its own.
 *
 * `IDENTITY_CLAIMS` (JSON), e.g. for a provider that lists roles under `realm_access.roles` in its own words:
 * ```json
 * { "role": "realm_access.roles", "roleValues": { "窗口人员": "clerk", "审批人员": "approver" },
 *   "centerId": "org.center", "departmentId": "org.department", "organisations": null }
 * ```
 * - A field's claim is a dotted path into the token (`org.center`), or its segments as a list when a claim's name
 *   holds a dot itself (`["https://idp.example/roles"]`, as namespaced claims do).
 * - A field the mapping does not name is read as without a mapping: the claim of its own name, or Cognito's
 *   `custom:` one. `null`: this provider does not assert it — never read from the token (nobody can then slip it in
 *   through a profile attribute the provider lets users edit).
 * - `roleValues` translates the provider's role values into the system's roles; without it the values are the
 *   system's role names. The role claim may be one value or a list: values that map to no role are ignored (providers
 *   list unrelated ones, `offline_access`); exactly one role must remain. None, or two different ones, is no principal
 *   (401): a caller acts in one role, and which of two would depend on the provider's order, so it is refused rather
 *   than guessed.
 *
 * Without IDENTITY_CLAIMS the reading is exactly the one before issue 23. The reading itself is identity-fields.ts's,
 * free of zod so the web sites can share it.
 */
const claimPath = z
  .union([
    z
      .string()
      .min(1)
      .refine((p) => p.split(".").every((s) => s.length > 0), "a dotted path without empty segments"),
    z.array(z.string().min(1)).min(1),
  ])
  .transform((p) => (typeof p === "string" ? p.split(".") : p));

const optionalField = claimPath.nullable().optional();

/**
 * The schema of `IDENTITY_CLAIMS`, exported so CDK can check the `oidcClaims` context at synth with the very rules
 * the functions apply at cold start. Unknown keys are refused: a misspelt field would otherwise fall back silently.
 */
export const identityClaimsSchema = z.strictObject({
  sub: claimPath.optional(),
  role: claimPath.optional(),
  roleValues: z
    .record(z.string().min(1), z.enum(ROLES))
    .refine((v) => Object.keys(v).length > 0, "name at least one value")
    .optional(),
  centerId: optionalField,
  departmentId: optionalField,
  verifiedIdNumber: optionalField,
  verifiedName: optionalField,
  organisations: optionalField,
});
export type IdentityClaims = z.output<typeof identityClaimsSchema>;
/** The mapping as written in configuration (paths as dotted strings or segment lists). */
export type IdentityClaimsInput = z.input<typeof identityClaimsSchema>;
