/**
 * Complaints' published vocabulary for unresolved matters (art. 13, 34): channels, reasons, outcomes, reply methods.
 * Part of the contract (issue 22): the values its events carry, so a consumer imports them without the domain.
 */

/** Where the matter was raised. */
export const MATTER_CHANNELS = ["window", "desk", "phone", "online", "hotline"] as const;

/**
 * Why it could not be done, for the monitoring that finds recurring blockages (堵点难点, art. 34):
 * no matching service item, an unclear guide, several departments involved, a system fault, materials the applicant
 * cannot obtain, a gap in policy (new industries, business forms and models), or something else.
 */
export const REASON_CATEGORIES = [
  "noMatchingItem",
  "unclearGuide",
  "crossDepartment",
  "systemIssue",
  "materialsUnobtainable",
  "policyGap",
  "other",
] as const;

/** What a coordination meeting achieved. */
export const MEETING_OUTCOMES = [
  "resolved",
  "partlyResolved",
  "notResolvable",
  "needsPolicyChange",
  "furtherCoordination",
] as const;

/** How the reply reached the applicant. */
export const REPLY_METHODS = ["phone", "sms", "letter", "online", "inPerson"] as const;
