/** The roles a token can carry (DESIGN.md, "HTTP API"; GLOSSARY.md). */
export const ROLES = ["applicant", "clerk", "approver", "chiefRep", "admin", "supervisor"] as const;
export type Role = (typeof ROLES)[number];

/** Every staff role; staff act only inside their center (and department where it applies). */
export const STAFF_ROLES = [
  "clerk",
  "approver",
  "chiefRep",
  "admin",
  "supervisor",
] as const satisfies readonly Role[];
