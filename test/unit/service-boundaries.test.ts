import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const RULE = "local/service-boundaries";

/** The rule's messages for `code` linted as `filePath` by the project's own eslint.config.js. */
async function projectMessages(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe("service boundaries (issue 22): a service imports nothing from another but its contract", () => {
  it("fails on another service's domain, use case or adapter, by alias, by relative path, re-exported or dynamic", async () => {
    const code = [
      'import type { ServiceHours } from "#services/catalog/domain/hours.ts";',
      'import { WINDOW_TYPES } from "../../catalog/domain/window.ts";',
      'export * from "#services/review/use-cases/decide.use-case.ts";',
      'export const load = () => import("#services/supervision/monitoring/adapters/clock-store.ts");',
      "export type Hours = ServiceHours;",
      "export const types = WINDOW_TYPES;",
    ].join("\n");
    const messages = await projectMessages("services/intake/domain/sample.ts", code);
    expect(messages).toHaveLength(4);
    expect(messages[0]).toContain("services/intake may import only services/catalog/contract/");
    expect(messages[1]).toContain('"../../catalog/domain/window.ts"');
    expect(messages[2]).toContain("services/review/contract/");
    expect(messages[3]).toContain("services/supervision/monitoring/contract/");
  });

  it("lets a service import another's contract, its own code and shared code", async () => {
    const code = [
      'import { centerRegistered } from "#services/catalog/contract/events.ts";',
      'import type { ServiceHours } from "../../catalog/contract/hours-values.ts";',
      'import { TICKET_SERVICES } from "../domain/tickets.ts";',
      'import { TICKET_SERVICES as again } from "#services/intake/domain/tickets.ts";',
      'import { defineEvent } from "#shared/events/define-event.ts";',
      "export type Hours = ServiceHours;",
      "export const all = [centerRegistered, TICKET_SERVICES, again, defineEvent];",
    ].join("\n");
    expect(await projectMessages("services/intake/use-cases/sample.ts", code)).toEqual([]);
  });

  it("keeps a contract self-contained: it never imports its own service's domain", async () => {
    const code = [
      'import { LANES } from "../domain/tickets.ts";',
      'import { TICKET_SERVICES } from "./queue-values.ts";',
      'import { legalBasisSchema } from "#services/catalog/contract/guide-values.ts";',
      "export const all = [LANES, TICKET_SERVICES, legalBasisSchema];",
    ].join("\n");
    const messages = await projectMessages("services/intake/contract/sample.ts", code);
    expect(messages).toEqual([expect.stringContaining("A contract imports only its own contract/")]);
    expect(messages[0]).toContain('"../domain/tickets.ts"');
  });

  describe("a service is a folder holding a service.ts, nested ones included", () => {
    // A tree of its own: the split of supervision (issue 22, point 1) adds services/supervision/<sub>/ folders.
    let dir: string;
    let serviceBoundaries: unknown;
    beforeAll(async () => {
      // The rule exactly as eslint.config.js declares it for services/.
      const config = await new ESLint({ cwd: process.cwd() }).calculateConfigForFile(
        "services/intake/service.ts",
      );
      serviceBoundaries = config.plugins.local.rules["service-boundaries"];
      expect(config.rules[RULE]).toEqual([2]);
      dir = mkdtempSync(join(tmpdir(), "service-boundaries-"));
      for (const folder of ["supervision", "supervision/complaints", "supervision/monitoring", "intake"]) {
        mkdirSync(join(dir, "services", folder, "domain"), { recursive: true });
        writeFileSync(join(dir, "services", folder, "service.ts"), "export {};\n");
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    async function messages(filePath: string, code: string) {
      const eslint = new ESLint({
        cwd: dir,
        overrideConfigFile: true,
        overrideConfig: [
          { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
          {
            files: ["**/*.ts"],
            plugins: { local: { rules: { "service-boundaries": serviceBoundaries as never } } },
            rules: { [RULE]: ["error", { servicesDir: join(dir, "services") }] },
          },
        ],
      });
      const [result] = await eslint.lintText(code, { filePath: join(dir, filePath) });
      return result!.messages.map((m) => m.message);
    }

    it("treats services/supervision/complaints and services/supervision/monitoring as services of their own", async () => {
      const fromComplaints = await messages(
        "services/supervision/complaints/domain/sample.ts",
        [
          'import { a } from "../../monitoring/domain/clock.ts";',
          'import { b } from "#services/supervision/monitoring/contract/events.ts";',
          'import { c } from "./rating.ts";',
          'import { d } from "#services/supervision/domain/legacy.ts";',
          "export const all = [a, b, c, d];",
        ].join("\n"),
      );
      expect(fromComplaints).toHaveLength(2);
      expect(fromComplaints[0]).toContain(
        "services/supervision/complaints may import only services/supervision/monitoring/contract/",
      );
      expect(fromComplaints[1]).toContain("only services/supervision/contract/");
    });

    it("lets a nested service import its sibling's contract and a new top-level service's contract", async () => {
      const code = [
        'import { a } from "../../monitoring/contract/events.ts";',
        'import { b } from "#services/intake/contract/queue-events.ts";',
        "export const all = [a, b];",
      ].join("\n");
      expect(await messages("services/supervision/complaints/use-cases/sample.ts", code)).toEqual([]);
    });
  });
});
