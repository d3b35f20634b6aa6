import { ValidationError, type FieldIssue } from "../errors.ts";

/** The parts of a guide a request for materials may cite. */
export interface GuideTerms {
  materials: readonly { name: string }[];
  checkpoints: readonly string[];
}

/**
 * No requirement beyond the guide (art. 27(二), 28): every item of a correction notice (intake) or a request during
 * review cites a material or an acceptance checkpoint of the guide the application follows; anything else is refused,
 * naming the item. Shared because both services enforce the same article on the same snapshot.
 */
export function checkCitesGuide(
  items: readonly { material?: string; checkpoint?: string }[],
  guide: GuideTerms,
  detail: string,
): void {
  const materials = new Set(guide.materials.map((m) => m.name));
  const checkpoints = new Set(guide.checkpoints);
  const issues: FieldIssue[] = items.flatMap((item, i) => {
    if (item.material !== undefined && !materials.has(item.material)) {
      return [
        { path: ["items", i, "material"], message: "not a material of the guide this application follows" },
      ];
    }
    if (item.checkpoint !== undefined && !checkpoints.has(item.checkpoint)) {
      return [{ path: ["items", i, "checkpoint"], message: "not an acceptance checkpoint of the guide" }];
    }
    return [];
  });
  if (issues.length) throw new ValidationError(issues, detail);
}
