import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Stack, type App, type CfnElement } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { createApp } from "#infra/aws/gov-service-app.ts";

/** Skips esbuild: property tests read the template only (about 1 s faster per synth; LOCAL-STACK.md). */
export const NO_BUNDLING = { "aws:cdk:bundling-stacks": [] };

/** The app exactly as `cdk synth` builds it, without cdk-nag (nag.test.ts runs it) and, by default, without bundles. */
export function synthesize({ bundling = false } = {}) {
  const { app, stack } = createApp({ nag: false, context: bundling ? {} : NO_BUNDLING });
  return { app, stack, ...linkStacks(app, stack) };
}

/**
 * A console build folder of the test's own (index.html and one hashed asset), standing in for web/dist, which a clean
 * clone has not built. The caller removes it.
 */
export function consoleBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), "console-dist-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><script type="module" src="/console/assets/index-abc.js">',
  );
  writeFileSync(join(dir, "assets", "index-abc.js"), "export {};");
  return dir;
}

export interface CfnResourceJson {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  DependsOn?: string | string[];
}

interface TemplateJson {
  Parameters?: Record<string, unknown>;
  Resources: Record<string, CfnResourceJson>;
  Outputs?: Record<string, { Value: unknown; Export?: unknown }>;
}

/** One synthesized stack, the root or a nested one, as CloudFormation receives it. */
export interface StackTemplate {
  stack: Stack;
  /** The stack's construct path: `GovService`, `GovService/Messaging`, `GovService/catalog`. */
  path: string;
  template: TemplateJson;
}

/**
 * A resource's id across all stacks: its stack's path and its logical id, `GovService/catalog/catalogTable1234ABCD`.
 * Logical ids are only unique within one template, and the path tells which stack a resource is in.
 */
export const qualify = (stack: Stack, logicalId: string) => `${stack.node.path}/${logicalId}`;
/** The path of the stack a qualified id belongs to. */
export const stackOf = (qualifiedId: string) => qualifiedId.slice(0, qualifiedId.lastIndexOf("/"));

/**
 * Synthesizes once and reads the root template and every nested one, then links them into one system: every resource
 * keyed by its qualified id, and every cross-stack reference — a nested stack's parameter, fed by its parent with a
 * resource of the parent or a sibling's output — replaced by a reference to the resource that produces the value. So
 * the assertions that held for one stack hold unchanged for the whole system (a function's environment names
 * `${GovService/Messaging/…Queue}` whichever stack the function is in), and `stackOf` says where each thing lives.
 */
export function linkStacks(app: App, root: Stack) {
  const assembly = app.synth();
  const stacks: StackTemplate[] = root.node
    .findAll()
    .filter((c): c is Stack => Stack.isStack(c))
    .map((stack) => ({
      stack,
      path: stack.node.path,
      template: JSON.parse(
        readFileSync(join(assembly.directory, stack.templateFile), "utf8"),
      ) as TemplateJson,
    }));
  const templateOf = (stack: Stack) => stacks.find((s) => s.stack === stack)!.template;
  /** The AWS::CloudFormation::Stack resource that creates a nested stack, in its parent. */
  const nestedResourceId = (nested: Stack) =>
    nested.nestedStackParent!.getLogicalId(nested.nestedStackResource as CfnElement);
  const nestedByResource = new Map(
    stacks
      .filter((s) => s.stack.nestedStackParent)
      .map((s) => [qualify(s.stack.nestedStackParent!, nestedResourceId(s.stack)), s.stack]),
  );

  function link(value: unknown, stack: Stack): unknown {
    if (Array.isArray(value)) return value.map((v) => link(v, stack));
    if (typeof value !== "object" || value === null) return value;
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === "string") {
      if (v.Ref.startsWith("AWS::")) return v;
      const parent = stack.nestedStackParent;
      if (parent && templateOf(stack).Parameters?.[v.Ref]) {
        const passed = templateOf(parent).Resources[nestedResourceId(stack)]!.Properties.Parameters as Json;
        return link(passed[v.Ref], parent);
      }
      return { Ref: qualify(stack, v.Ref) };
    }
    if (Array.isArray(v["Fn::GetAtt"])) {
      const [id, attribute] = v["Fn::GetAtt"] as [string, string];
      const nested = nestedByResource.get(qualify(stack, id));
      if (nested && attribute.startsWith("Outputs.")) {
        return link(templateOf(nested).Outputs![attribute.slice("Outputs.".length)]!.Value, nested);
      }
      return { "Fn::GetAtt": [qualify(stack, id), attribute] };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, link(x, stack)]));
  }

  const resources: Record<string, CfnResourceJson> = {};
  for (const { stack, template } of stacks) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
      resources[qualify(stack, id)] = {
        ...resource,
        Properties: link(resource.Properties ?? {}, stack) as Record<string, unknown>,
        ...(dependsOn.length ? { DependsOn: dependsOn.map((d) => qualify(stack, d)) } : {}),
      };
    }
  }

  /**
   * Which stacks each stack needs deployed first: S depends on T when a resource of S refers to one of T. The
   * parameters a parent hands a nested stack count as the nested stack's own references: they are its inputs.
   */
  function stackDependencies(): Map<string, Set<string>> {
    const graph = new Map(stacks.map((s) => [s.path, new Set<string>()]));
    for (const [id, resource] of Object.entries(resources)) {
      const nested = nestedByResource.get(id);
      const from = nested ? nested.node.path : stackOf(id);
      for (const target of referencesOf(resource)) {
        if (resources[target] && stackOf(target) !== from) graph.get(from)!.add(stackOf(target));
      }
    }
    return graph;
  }

  return {
    assembly,
    stacks,
    /** The resources of every stack, by qualified id, with cross-stack references resolved. */
    resources,
    /** The same, as one template for the assertions API (which also checks it for cyclic references). */
    template: Template.fromJSON({ Resources: resources }),
    stackDependencies,
  };
}

/** The qualified ids a linked resource refers to: Ref, Fn::GetAtt and DependsOn. */
export function referencesOf(resource: CfnResourceJson): string[] {
  const found: string[] = [...[resource.DependsOn ?? []].flat()];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === "object" && value !== null) {
      const v = value as Record<string, unknown>;
      if (typeof v.Ref === "string") found.push(v.Ref);
      if (Array.isArray(v["Fn::GetAtt"])) found.push(v["Fn::GetAtt"][0] as string);
      Object.values(v).forEach(walk);
    }
  };
  walk(resource.Properties);
  return found;
}

// CloudFormation JSON is untyped; the linker walks it as such.
type Json = any;

/** The qualified id (see `qualify`) of an L2 construct's CloudFormation resource, to find it in the linked resources. */
export function logicalId(construct: IConstruct): string {
  const cfn = construct.node.defaultChild as CfnElement | undefined;
  if (!cfn) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  const stack = Stack.of(construct);
  return qualify(stack, stack.getLogicalId(cfn));
}

/** Renders references the way a reader writes them: `${Logical.Attr}`, so a template value compares as text. */
export function render(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(render);
  const v = value as Record<string, unknown>;
  if ("Ref" in v) return `\${${v.Ref as string}}`;
  if ("Fn::GetAtt" in v) return `\${${(v["Fn::GetAtt"] as string[]).join(".")}}`;
  if ("Fn::Join" in v) {
    const [separator, parts] = v["Fn::Join"] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, render(x)]));
}

/** `{ "Fn::GetAtt": [id, attr] }` / `{ Ref: id }` as the template writes references. */
export const getAtt = (id: string, attribute: string) => ({ "Fn::GetAtt": [id, attribute] });
export const ref = (id: string) => ({ Ref: id });

export interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}

/**
 * Every statement of every policy document in the template: identity policies, roles' inline and trust policies,
 * and resource policies (queue policies, …).
 */
export function allStatements(
  resources: Record<string, CfnResourceJson>,
): (Statement & { policy: string })[] {
  return Object.entries(resources).flatMap(([id, r]) => {
    const inline = Array.isArray(r.Properties?.Policies)
      ? (r.Properties.Policies as { PolicyDocument: unknown }[])
      : [];
    const documents = [
      r.Properties?.PolicyDocument,
      r.Properties?.AssumeRolePolicyDocument,
      ...inline.map((p) => p.PolicyDocument),
    ];
    return documents.flatMap((d) =>
      ((d as { Statement?: Statement[] } | undefined)?.Statement ?? []).map((s) => ({ ...s, policy: id })),
    );
  });
}

export const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** Statements of the identity policies (AWS::IAM::Policy) attached to one role, by the role's logical id. */
export function roleStatements(resources: Record<string, CfnResourceJson>, roleId: string) {
  const attached = Object.entries(resources).filter(
    ([, r]) =>
      r.Type === "AWS::IAM::Policy" &&
      (r.Properties.Roles as unknown[]).some((x) => JSON.stringify(x) === JSON.stringify(ref(roleId))),
  );
  return allStatements(Object.fromEntries(attached));
}

/** The KMS actions a role may take (sorted, distinct) and the keys it may take them on (logical ids). */
export function kmsGrantsOf(resources: Record<string, CfnResourceJson>, roleId: string) {
  const kms = roleStatements(resources, roleId).filter((s) => actionsOf(s).some((a) => a.startsWith("kms:")));
  return {
    actions: [...new Set(kms.flatMap(actionsOf))].sort(),
    keys: [
      ...new Set(
        kms
          .flatMap(resourcesOf)
          .map((r) => (r as { "Fn::GetAtt"?: string[] })["Fn::GetAtt"]?.[0] ?? JSON.stringify(r)),
      ),
    ].sort(),
  };
}

/** What each SigningAccess allows on the service's keys: writers seal and check, readers only check. */
export const KMS_ACTIONS = { none: [], verify: ["kms:Verify"], sign: ["kms:Sign", "kms:Verify"] } as const;
