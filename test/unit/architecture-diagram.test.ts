import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { model } from "#infra/manifest.ts";
import {
  DIAGRAM_END,
  DIAGRAM_START,
  architectureDiagram,
  edgeLabel,
  flows,
  formattedArchitectureDoc,
  label,
  withArchitectureDiagram,
  type DiagramModel,
} from "../../scripts/architecture-diagram.ts";

const committed = () => readFileSync("docs/architecture.md", "utf8");

const fn = (owner: string, integrations: string[] = []) => ({ owner, settings: { integrations } });

/** Two services: alpha publishes three `a.` events to beta's queue and one to its own; beta one back to alpha. */
const small: DiagramModel = {
  tables: [
    {
      service: "beta",
      subscriptions: { "b.done": ["alpha-events"] },
      streamDlqId: "beta-stream-dlq",
    },
    {
      service: "alpha",
      subscriptions: {
        "a.created": ["alpha-events", "beta-events"],
        "a.updated": ["beta-events"],
        "a.closed": ["beta-events"],
      },
      streamDlqId: "alpha-stream-dlq",
    },
  ],
  queues: [
    {
      id: "beta-events",
      service: "beta",
      dlqId: "beta-events-dlq",
      maxReceiveCount: 7,
      definition: { consumer: "on-event" },
      consumer: fn("beta"),
    },
    {
      id: "beta-callbacks",
      service: "beta",
      dlqId: "beta-callbacks-dlq",
      maxReceiveCount: 5,
      definition: { consumer: "send-callback" },
      consumer: fn("beta", ["hotline"]),
    },
    {
      id: "alpha-events",
      service: "alpha",
      dlqId: "alpha-events-dlq",
      maxReceiveCount: 5,
      definition: { consumer: "on-event" },
      consumer: fn("alpha"),
    },
  ],
  schedules: [
    {
      id: "beta-sweep",
      service: "beta",
      definition: { name: "sweep", schedule: { rate: "1 minute" } },
      fn: fn("beta"),
    },
    {
      id: "alpha-nightly",
      service: "alpha",
      definition: { name: "nightly", schedule: { cron: "0 22 * * ? *" } },
      fn: fn("alpha"),
    },
  ],
  routes: [
    { fn: fn("platform") },
    { fn: fn("alpha") },
    { fn: fn("alpha") },
    { fn: fn("beta", ["hotline"]) },
    { fn: fn("beta") },
  ],
};

/** The lines of one service's subgraph, between `subgraph svc_<name>` and its `end`. */
function subgraph(diagram: string, service: string): string[] {
  const all = diagram.split("\n");
  const start = all.findIndex((l) => l.startsWith(`  subgraph svc_${service} `));
  expect(start, `subgraph of ${service}`).toBeGreaterThan(-1);
  const end = all.indexOf("  end", start);
  return all.slice(start + 1, end);
}

const edgeFrom = (diagram: string, from: string, to: string) =>
  diagram.split("\n").filter((l) => l.startsWith(`  ${from} `) && l.endsWith(` ${to}`));

describe("docs/architecture.md", () => {
  it("holds the diagram the manifest generates", async () => {
    expect(committed(), "docs/architecture.md is stale: run `npm run docs`").toBe(
      await formattedArchitectureDoc(committed()),
    );
  });

  it("no longer carries the hand-drawn diagram's claim", () => {
    expect(committed()).not.toMatch(/first vertical slice/);
    expect(committed().match(/```mermaid/g)).toHaveLength(1);
  });

  it("replaces only what lies between its markers, and refuses a document that has lost them", () => {
    const doc = committed();
    const before = doc.slice(0, doc.indexOf(DIAGRAM_START) + DIAGRAM_START.length);
    const after = doc.slice(doc.indexOf(DIAGRAM_END));
    const replaced = withArchitectureDiagram(doc, small);

    expect(replaced.startsWith(before)).toBe(true);
    expect(replaced.endsWith(after)).toBe(true);
    expect(replaced).toContain("subgraph svc_alpha ");
    expect(replaced).not.toContain("subgraph svc_intake ");
    expect(() => withArchitectureDiagram("# Architecture\n", small)).toThrow(/lost its diagram markers/);
  });
});

describe("the architecture diagram", () => {
  const diagram = architectureDiagram(small);

  it("draws one subgraph per service, each with its table, publisher, stream DLQ, queues, DLQs and consumers", () => {
    expect(diagram.split("\n").filter((l) => l.trimStart().startsWith("subgraph "))).toEqual([
      '  subgraph svc_alpha ["alpha"]',
      '  subgraph svc_beta ["beta"]',
    ]);
    const beta = subgraph(diagram, "beta").join("\n");
    expect(beta).toContain('t_beta[("beta table")] -- "stream: event items" --> pub_beta["publisher"]');
    expect(beta).toContain('pub_beta -. "retries exhausted" .-> sdlq_beta_stream_dlq[["beta-stream-dlq"]]');
    expect(beta).toContain('q_beta_events[["beta-events"]] --> c_beta_events["consumer: on-event"]');
    expect(beta).toContain(
      'q_beta_callbacks[["beta-callbacks"]] --> c_beta_callbacks["consumer: send-callback"]',
    );
    expect(beta).not.toContain("alpha");
  });

  it("shows each queue's DLQ with the receives before a message moves there", () => {
    expect(subgraph(diagram, "beta")).toContain(
      '    q_beta_events -. "after 7 receives" .-> dlq_beta_events_dlq[["beta-events-dlq"]]',
    );
    expect(subgraph(diagram, "alpha")).toContain(
      '    q_alpha_events -. "after 5 receives" .-> dlq_alpha_events_dlq[["alpha-events-dlq"]]',
    );
  });

  it("shows each schedule in its service with its rate or cron expression", () => {
    expect(subgraph(diagram, "beta")).toContain(
      '    s_beta_sweep["schedule: sweep<br/>rate(1 minute)"] --> t_beta',
    );
    expect(subgraph(diagram, "alpha")).toContain(
      '    s_alpha_nightly["schedule: nightly<br/>cron(0 22 * * ? *)"] --> t_alpha',
    );
  });

  it("draws one edge per (publisher, queue), labelled with the event types that flow on it", () => {
    expect(edgeFrom(diagram, "pub_alpha", "q_beta_events")).toEqual([
      '  pub_alpha -- "a.* ×3" --> q_beta_events',
    ]);
    expect(edgeFrom(diagram, "pub_alpha", "q_alpha_events")).toEqual([
      '  pub_alpha -- "a.created" --> q_alpha_events',
    ]);
    expect(edgeFrom(diagram, "pub_beta", "q_alpha_events")).toEqual([
      '  pub_beta -- "b.done" --> q_alpha_events',
    ]);
    expect(edgeFrom(diagram, "pub_beta", "q_beta_events")).toEqual([]);
    expect(flows(small)).toEqual([
      { service: "alpha", queue: "alpha-events", types: ["a.created"] },
      { service: "alpha", queue: "beta-events", types: ["a.closed", "a.created", "a.updated"] },
      { service: "beta", queue: "alpha-events", types: ["b.done"] },
    ]);
  });

  it("groups an edge's types by aggregate: a lone type in full, several as a count", () => {
    expect(
      edgeLabel(["center.updated", "window.registered", "center.registered", "calendar.year-published"]),
    ).toEqual(["calendar.year-published", "center.* ×2", "window.registered"]);
  });

  it("puts the HTTP API in front: clients → API → each service's routes, with their count", () => {
    const lines = diagram.split("\n");
    expect(lines).toContain(
      '  clients["Applicants, clerks, approvers,<br/>admins, supervisors"] -- "HTTPS + JWT" --> api',
    );
    expect(subgraph(diagram, "alpha")).toContain('    routes_alpha["2 routes"] --> t_alpha');
    expect(subgraph(diagram, "beta")).toContain('    routes_beta["2 routes"] --> t_beta');
    expect(lines).toContain("  api --> routes_alpha");
    expect(lines).toContain('  api --> platform["platform: 1 route"]');
  });

  it("draws an integration's webhooks through the API and the functions that call out to it", () => {
    const lines = diagram.split("\n");
    expect(lines).toContain('  ext_hotline["12345 hotline"]');
    expect(lines).toContain('  ext_hotline -- "webhooks: 1 route" --> api');
    expect(lines.filter((l) => l.endsWith("--> ext_hotline"))).toEqual([
      '  c_beta_callbacks -- "calls" --> ext_hotline',
    ]);
  });

  it("is the same whatever order the manifest declares things in", () => {
    const reversed: DiagramModel = {
      tables: [...small.tables].reverse().map((t) => ({
        ...t,
        subscriptions: Object.fromEntries(Object.entries(t.subscriptions).reverse()),
      })),
      queues: [...small.queues].reverse(),
      schedules: [...small.schedules].reverse(),
      routes: [...small.routes].reverse(),
    };
    expect(architectureDiagram(reversed)).toBe(diagram);
  });

  it("covers every service, queue, DLQ and schedule of the manifest, and every subscription as an edge", () => {
    const real = architectureDiagram(model);
    for (const t of model.tables) expect(real).toContain(`subgraph svc_${t.service} `);
    for (const q of model.queues) expect(real).toContain(`[["${q.dlqId}"]]`);
    for (const s of model.schedules) expect(real).toContain(`schedule: ${s.definition.name}<br/>`);
    const edges = real.split("\n").filter((l) => /^ {2}pub_\w+ -- ".*" --> q_\w+$/.test(l));
    const pairs = new Set(
      model.tables.flatMap((t) =>
        Object.values(t.subscriptions).flatMap((qs) => qs.map((q) => `${t.service} ${q}`)),
      ),
    );
    expect(edges).toHaveLength(pairs.size);
  });
});

describe("mermaid labels", () => {
  it("escapes quotes, markup, ampersands and entity starts, and keeps parentheses inside the quotes", () => {
    expect(label('say "hi" <br/> (x) & #1\nnext')).toBe(
      "say #quot;hi#quot; #lt;br/#gt; (x) #amp; #35;1 next",
    );
  });

  it("keeps every label quoted and every node id one word when the manifest's names hold such characters", () => {
    const odd: DiagramModel = {
      ...small,
      queues: [
        {
          ...small.queues[0]!,
          definition: { consumer: 'on "event" <b>(v2)</b>' },
        },
      ],
      schedules: [
        {
          ...small.schedules[0]!,
          definition: { name: "sweep (a) & b", schedule: { cron: "0/5 * * * ? *" } },
        },
      ],
    };
    const lines = architectureDiagram(odd).split("\n");
    const consumer = lines.find((l) => l.includes("c_beta_events["))!;

    expect(consumer).toContain('["consumer: on #quot;event#quot; #lt;b#gt;(v2)#lt;/b#gt;"]');
    expect(lines.find((l) => l.includes("s_beta_sweep["))).toContain(
      '["schedule: sweep (a) #amp; b<br/>cron(0/5 * * * ? *)"]',
    );
    for (const line of lines) {
      expect(line.split('"').length % 2, line).toBe(1);
      expect(line.replace(/"[^"]*"/g, ""), line).not.toMatch(/[<&#;]/);
    }
  });
});
