import { describe, expect, it } from "vitest";
import { componentExamples } from "#infra/openapi-examples.ts";
import { openApiDocument } from "#infra/openapi.ts";
import { undescribedMember } from "../support/undescribed-member.ts";

describe("the examples of the main resources (docs/examples, issue 16)", () => {
  it.each(componentExamples.map((e) => [e.component, e] as const))(
    "%s matches its schema, with no field the schema does not name",
    (_component, { schema, example }) => {
      const parsed = schema.safeParse(example);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(undescribedMember(example, parsed.data)).toBeUndefined();
    },
  );

  it("shows each beside its component in the contract", () => {
    const schemas = openApiDocument().components?.schemas ?? {};
    for (const { component, example } of componentExamples)
      expect((schemas[component] as { examples?: unknown[] }).examples, component).toEqual([example]);
  });
});
