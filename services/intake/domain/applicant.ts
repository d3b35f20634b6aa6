import { plainName } from "#shared/http/schemas.ts";
import * as z from "zod";
import { isCreditCode, isResidentId } from "#shared/identity.ts";

const mobile = z.string().regex(/^1[3-9]\d{9}$/, "a mainland mobile number");

/** A resident ID number (GB 11643, with the plausibility checks of `isResidentId`), upper-cased. */
export const residentIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => isResidentId(v), "not a valid resident ID number (GB 11643)");

/** A person (resident ID, GB 11643) or an organisation (unified social credit code, GB 32100) — art. 25. */
export const applicantSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("person"),
    name: plainName(50),
    idNumber: residentIdSchema,
    phone: mobile.optional(),
  }),
  z.object({
    kind: z.literal("organisation"),
    name: plainName(100),
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCreditCode, "not a valid unified social credit code (GB 32100)"),
    legalRepresentative: plainName(50),
    contact: z.object({ name: plainName(50), phone: mobile }),
  }),
]);
export type Applicant = z.output<typeof applicantSchema>;

/** Who holds the applicant's e-licenses: the ID number or the credit code. */
export const holderOf = (applicant: Applicant) =>
  applicant.kind === "person" ? applicant.idNumber : applicant.creditCode;
