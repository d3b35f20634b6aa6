/** Whether a path matches a route template (`{name}` one segment, `{name+}` the rest, as API Gateway reads them). */
function matches(template: string, path: string): boolean {
  const pattern = template
    .split("/")
    .map((segment) =>
      /^\{[^}]+\+\}$/.test(segment)
        ? ".+"
        : /^\{[^}]+\}$/.test(segment)
          ? "[^/]+"
          : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${pattern}$`).test(path);
}

/** The methods the routes of this path answer, sorted (the HTTP API maps no HEAD to GET, so neither does this). */
export function allowedMethods(table: Record<string, string[]>, path: string): string[] {
  const methods = new Set<string>();
  for (const [template, list] of Object.entries(table))
    if (matches(template, path)) for (const m of list) methods.add(m);
  return [...methods].sort();
}
