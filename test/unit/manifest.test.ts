import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { describe, expect, it } from "vitest";
import { defineEvent } from "#shared/events/define-event.ts";
import { route, defineService } from "#shared/manifest/types.ts";
import { buildModel, environmentFor, model, services } from "#infra/manifest.ts";
import { serviceFolder } from "#shared/manifest/naming.ts";

function handlerFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".handler.ts"))
        .map((f) => join(dir, f))
    : [];
}

describe("the manifest", () => {
  it("has an entry for every handler file, and a file for every entry", () => {
    const files = [
      ...services.flatMap((s) => handlerFiles(`services/${serviceFolder(s.name)}/handlers`)),
      ...handlerFiles("shared/http/handlers"),
      "shared/events/publisher.handler.ts",
    ].sort();
    const entries = [...new Set(model.functions.map((f) => f.entry))].sort();
    expect(entries).toEqual(files);
  });

  it("subscribes every consumed event to a queue, at the version its publisher emits", () => {
    for (const q of model.queues) {
      for (const event of q.definition.consumes) {
        expect(model.subscriptions[event.type]).toContain(q.id);
        expect(model.events.find((e) => e.event.type === event.type)?.event.version).toBe(event.version);
      }
    }
  });

  it("gives each publisher only the subscriptions of the events its service publishes", () => {
    for (const t of model.tables) {
      const own = services.find((s) => s.name === t.service)!.publishes.map((e) => e.type);
      expect(Object.keys(t.subscriptions).every((type) => own.includes(type))).toBe(true);
    }
  });

  it("grants GET routes read access only, unless the route declares that it writes", () => {
    for (const { route: r, fn } of model.routes) {
      if (fn.owner !== "platform" && r.method === "GET")
        expect(fn.tableAccess).toBe(r.writes ? "readWrite" : "read");
    }
    expect(model.routes.filter((r) => r.route.writes).map((r) => r.route.key)).toEqual([
      "GET /v1/results/{token}",
    ]);
  });

  it("gives a publisher the queue URLs its subscriptions need, and nothing else", () => {
    const catalog = model.tables.find((t) => t.service === "catalog")!;
    const env = environmentFor(catalog.publisher, {
      tableName: (s) => `t-${s}`,
      queueUrl: (id) => `https://q/${id}`,
      auth: {},
    });
    const toIntake = [
      "item.guide-published",
      "center.registered",
      "center.updated",
      "center.closure-added",
      "center.closure-removed",
      "window.registered",
      "window.updated",
      "item.status-changed",
      "calendar.year-published",
      "center.opening-added",
      "center.opening-removed",
    ];
    const toReview = [
      "item.status-changed",
      "item.guide-published",
      "staff.registered",
      "staff.assignment-filed",
      "department.stationed",
      "department.chief-representative-appointed",
      "calendar.year-published",
    ];
    const toDelivery = ["item.registered", "item.guide-published", "center.registered", "center.updated"];
    const toSupervision = [
      "staff.registered",
      "staff.assignment-filed",
      // a finding about a person counts in their appraisal (art. 45)
      "staff.compliance-finding-raised",
      "department.chief-representative-appointed",
      // a supervisor's scope is their center and every center under it
      "center.registered",
      "center.updated",
      "center.closure-added",
      "center.closure-removed",
      "department.stationed",
      "window.registered",
      "window.updated",
      "calendar.year-published",
    ];
    // The catalog's own queue: the search index, and the longest committed limit the calendar check reaches with.
    const expected: Record<string, string[]> = {
      "item.registered": ["catalog-events"],
      "item.guide-published": ["catalog-events"],
    };
    for (const type of toIntake) (expected[type] ??= []).push("intake-events");
    for (const type of toReview) (expected[type] ??= []).push("review-events");
    for (const type of toDelivery) (expected[type] ??= []).push("delivery-events");
    for (const type of toSupervision) (expected[type] ??= []).push("monitoring-events");
    // Complaints projects the roster (coordinators, a work order's handlers), the units and windows a work order or a
    // rating names, and the days a 差评's appeal window counts (issue 22).
    const toComplaints = [
      "staff.registered",
      "staff.assignment-filed",
      "department.stationed",
      "window.registered",
      "window.updated",
      "center.closure-added",
      "center.closure-removed",
      "calendar.year-published",
    ];
    for (const type of toComplaints) (expected[type] ??= []).push("complaints-events");
    const actual = JSON.parse(env.SUBSCRIPTIONS!) as Record<string, string[]>;
    expect(Object.fromEntries(Object.entries(actual).map(([k, v]) => [k, [...v].sort()]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [...v].sort()])),
    );
    expect(JSON.parse(env.QUEUE_URLS!)).toEqual({
      "catalog-events": "https://q/catalog-events",
      "intake-events": "https://q/intake-events",
      "review-events": "https://q/review-events",
      "delivery-events": "https://q/delivery-events",
      "monitoring-events": "https://q/monitoring-events",
      "complaints-events": "https://q/complaints-events",
    });
    expect(env.CATALOG_TABLE).toBe("t-catalog");
  });

  it("gives the hotline's secret and callback URL only to the functions that verify or call it", () => {
    const resolved = {
      tableName: (s: string) => `t-${s}`,
      queueUrl: (id: string) => `https://q/${id}`,
      auth: {},
      messaging: {},
      signingKey: () => ({}),
      bucketName: () => "b",
      integration: () => ({ HOTLINE_WEBHOOK_SECRET_ARN: "arn:secret", HOTLINE_CALLBACK_URL: "https://h" }),
    };
    const holders = model.functions
      .filter((fn) => "HOTLINE_WEBHOOK_SECRET_ARN" in environmentFor(fn, resolved))
      .map((fn) => fn.id)
      .sort();
    expect(holders).toEqual([
      "complaints-receive-hotline-follow-up",
      "complaints-receive-rating-verification",
      "complaints-receive-work-order",
      "complaints-send-hotline-callback",
    ]);
  });

  it("refuses an inconsistent manifest, listing every problem", () => {
    const orphan = defineEvent("thing.happened", 2, z.object({}), "x");
    const broken = defineService({
      name: "review",
      description: "x",
      table: { indexes: [] },
      routes: [
        route("GET /v1/things/{thingId}", {
          handler: "get-thing",
          auth: "public",
          summary: "x",
          responses: {},
        }),
        route("GET /v1/things/{thingId}", {
          handler: "get-thing",
          auth: "public",
          summary: "x",
          responses: {},
        }),
      ],
      queues: { events: { consumer: "on-event", consumes: [orphan], description: "x" } },
      schedules: [],
      publishes: [],
    });
    expect(() => buildModel([broken])).toThrow(
      /declared twice[\s\S]*path parameters[\s\S]*which no service publishes/,
    );
  });
});
