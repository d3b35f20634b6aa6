import { subscriptionKey, type DataFilter } from "#shared/events/define-event.ts";
import { model as defaultModel, type Model } from "./manifest.ts";

/**
 * docs/events.md, generated from the manifest: every event type with its version, publisher, consuming queues and
 * description. Generated, so the catalogue of events cannot drift from what the services publish and consume.
 */
export function eventsDocument(model: Model = defaultModel): string {
  const rows = [...model.events]
    .sort((a, b) => a.service.localeCompare(b.service) || a.event.type.localeCompare(b.event.type))
    .map(({ service, event }) => {
      const consumers =
        (model.subscriptions[event.type] ?? [])
          .map((q) => `\`${q}\`${filterNote(model.filters[subscriptionKey(event.type, q)])}`)
          .join(", ") || "—";
      const description = event.description.replace(/\|/g, "\\|").replace(/\s+/g, " ");
      return `| \`${event.type}\` | ${event.version} | ${service} | ${consumers} | ${description} |`;
    });
  return [
    "# Events",
    "",
    "Generated from the manifest by `npm run docs`; do not edit by hand. Each service declares what it publishes in",
    "its `contract/events.ts` (with the values its events carry in `contract/`), and each queue the definitions it",
    "consumes in its `service.ts` (see docs/architecture.md,",
    '"Events"). The schemas are the zod definitions next to each description. A queue whose subscription filters the',
    "event's data (`when` in its `service.ts`) gets only the events that match, as the filter in brackets says.",
    "",
    "| event | version | published by | consumed by (queue) | description |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

/** The document as committed: formatted by the project's prettier settings, which `npm run lint` checks. */
export async function formattedEventsDocument(model: Model = defaultModel): Promise<string> {
  const { format, resolveConfig } = await import("prettier");
  const options = (await resolveConfig("docs/events.md")) ?? {};
  return format(eventsDocument(model), { ...options, parser: "markdown" });
}

/** A subscription's filter as the table says it: ` (when assigneeId; level ∈ dissatisfied, veryDissatisfied)`. */
function filterNote(filter: DataFilter | undefined): string {
  if (!filter) return "";
  const terms = Object.entries(filter).map(([field, test]) =>
    test === true ? field : test === false ? `no ${field}` : `${field} ∈ ${test.join(", ")}`,
  );
  return ` (when ${terms.join("; ")})`;
}
