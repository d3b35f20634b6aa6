/**
 * The first path where `given` has a member `described` lacks — `described` being what the schema made of `given`
 * (its output, unknown keys stripped): a field the contract does not name (issue 16). Undefined when there is none.
 */
export function undescribedMember(given: unknown, described: unknown, path = ""): string | undefined {
  if (Array.isArray(given) && Array.isArray(described))
    for (const [i, g] of given.entries()) {
      const found = undescribedMember(g, described[i], `${path}[${i}]`);
      if (found) return found;
    }
  else if (given && typeof given === "object" && described && typeof described === "object")
    for (const [k, g] of Object.entries(given)) {
      if (!(k in described)) return `${path}.${k}`;
      const found = undescribedMember(g, (described as Record<string, unknown>)[k], `${path}.${k}`);
      if (found) return found;
    }
  return undefined;
}
