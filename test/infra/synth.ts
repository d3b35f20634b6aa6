import { Stack, type CfnElement } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { createApp } from "#infra/aws/gov-service-app.ts";

/** Skips esbuild: property tests read the template only (about 1 s faster per synth; LOCAL-STACK.md). */
export const NO_BUNDLING = { "aws:cdk:bundling-stacks": [] };

/** The app exactly as `cdk synth` builds it, without cdk-nag (nag.test.ts runs it) and, by default, without bundles. */
export function synthesize({ bundling = false } = {}) {
  const { app, stack } = createApp({ nag: false, context: bundling ? {} : NO_BUNDLING });
  const template = Template.fromStack(stack);
  return { app, stack, template, resources: template.toJSON().Resources as Record<string, CfnResourceJson> };
}

export interface CfnResourceJson {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
}

/** The logical id of an L2 construct's CloudFormation resource, to find it in the template. */
export function logicalId(construct: IConstruct): string {
  const cfn = construct.node.defaultChild as CfnElement | undefined;
  if (!cfn) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(construct).getLogicalId(cfn);
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
