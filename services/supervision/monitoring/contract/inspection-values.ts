/**
 * Monitoring's published vocabulary for inspections (art. 48): kinds and finding categories.
 * Part of the contract (issue 22): the values its events carry, so a consumer imports them without the domain.
 */

export const INSPECTION_KINDS = ["selfCheck", "patrol", "electronicMonitoring"] as const;

/** Art. 48: appearance, conduct, attitude, language, efficiency, competence, the service rules; and absence (art. 46). */
export const FINDING_CATEGORIES = [
  "appearance",
  "conduct",
  "attitude",
  "language",
  "efficiency",
  "competence",
  "serviceRules",
  "absence",
] as const;
