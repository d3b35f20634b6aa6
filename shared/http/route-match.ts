/** A route template as a pattern (`{name}` one segment, `{name+}` the rest, as API Gateway reads them). */
function pattern(template: string): RegExp {
  const source = template
    .split("/")
    .map((segment) =>
      /^\{[^}]+\+\}$/.test(segment)
        ? ".+"
        : /^\{[^}]+\}$/.test(segment)
          ? "[^/]+"
          : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${source}$`);
}

/**
 * The methods the routes of a path answer, sorted (the HTTP API maps no HEAD to GET, so neither does this). The
 * patterns are compiled once, when the table is given.
 */
export function allowedMethods(table: Record<string, string[]>): (path: string) => string[] {
  const routes = Object.entries(table).map(([template, methods]) => ({
    pattern: pattern(template),
    methods,
  }));
  return (path) => {
    const methods = new Set<string>();
    for (const route of routes) if (route.pattern.test(path)) for (const m of route.methods) methods.add(m);
    return [...methods].sort();
  };
}
