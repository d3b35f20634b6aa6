import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { eventsDocument, formattedEventsDocument } from "#infra/events-doc.ts";
import { model } from "#infra/manifest.ts";

describe("docs/events.md", () => {
  it("is the document the manifest generates (run `npm run docs` after changing an event or a subscription)", async () => {
    expect(readFileSync("docs/events.md", "utf8")).toBe(await formattedEventsDocument());
  });

  it("lists every published event once, with its publisher and every queue that consumes it", () => {
    const lines = eventsDocument()
      .split("\n")
      .filter((l) => l.startsWith("| `"));
    expect(lines).toHaveLength(model.events.length);
    for (const { service, event } of model.events) {
      const line = lines.find((l) => l.startsWith(`| \`${event.type}\` |`));
      expect(line, event.type).toContain(`| ${event.version} | ${service} |`);
      for (const queue of model.subscriptions[event.type] ?? [])
        expect(line, event.type).toContain(`\`${queue}\``);
    }
  });
});
