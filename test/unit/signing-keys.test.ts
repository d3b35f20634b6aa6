import * as z from "zod";
import { describe, expect, it } from "vitest";
import { signingKeyEnv } from "#shared/manifest/naming.ts";
import { defineService, route, type ServiceDefinition } from "#shared/manifest/types.ts";
import {
  buildModel,
  environmentFor,
  model,
  services,
  signingAccessFor,
  type Model,
  type Resolved,
} from "#infra/manifest.ts";

const realReview = services.find((s) => s.name === "review")!;

/**
 * Review reduced to a read route, a changing route and its seal; it keeps its real events, so the services that
 * consume them still find their publisher. The other services declare no keys here, whatever they declare today.
 */
const reviewWithSeal = defineService({
  name: "review",
  description: "x",
  table: { indexes: [] },
  routes: [
    route("GET /v1/documents/{documentId}/verify", {
      handler: "verify-document",
      auth: "public",
      summary: "x",
      params: z.object({ documentId: z.string() }),
      responses: {},
    }),
    route("POST /v1/applications/{applicationId}/decision", {
      handler: "decide",
      auth: ["approver"],
      summary: "x",
      params: z.object({ applicationId: z.string() }),
      responses: {},
    }),
  ],
  queues: {},
  schedules: [],
  publishes: realReview.publishes,
  signingKeys: ["seal"],
});

const withReview = (review: ServiceDefinition) =>
  buildModel(services.map((s) => (s.name === "review" ? review : { ...s, signingKeys: undefined })));

/** A Resolved like the AWS stack's: the key's ARN under the KMS variable. */
const aws: Resolved = {
  tableName: (s) => `t-${s}`,
  queueUrl: (id) => `https://q/${id}`,
  auth: {},
  messaging: { MESSAGE_PROVIDER: "aws", EMAIL_FROM: "noreply@example.gov.cn" },
  integration: () => ({ HOTLINE_WEBHOOK_SECRET_ARN: "arn:secret", HOTLINE_CALLBACK_URL: "https://h" }),
  signingKey: (service, name) => ({ [signingKeyEnv(service, name).kmsKeyId]: `arn:key/${service}-${name}` }),
  bucketName: (service, name) => `${service}-${name}-bucket`,
};

const keyVariables = (env: Record<string, string>) =>
  Object.keys(env).filter((k) => /_(KMS_KEY_ID|PRIVATE_KEY|PUBLIC_KEY)$/.test(k));

describe("signing keys in the manifest", () => {
  const m: Model = withReview(reviewWithSeal);

  it("names a declared key's variables, alias and id from the service and key name", () => {
    expect(m.signingKeys).toEqual([
      {
        id: "review-seal",
        service: "review",
        name: "seal",
        alias: "alias/govservice/review-seal",
        env: {
          kmsKeyId: "REVIEW_SEAL_KMS_KEY_ID",
          privateKey: "REVIEW_SEAL_PRIVATE_KEY",
          publicKey: "REVIEW_SEAL_PUBLIC_KEY",
        },
      },
    ]);
  });

  it("gives every review function the key's variables, and the other services' functions none", () => {
    const reviewFns = m.functions.filter((f) => f.owner === "review");
    expect(reviewFns.map((f) => f.kind).sort()).toEqual(["http", "http", "publisher"]);
    for (const fn of m.functions) {
      const env = environmentFor(fn, aws, m);
      if (fn.owner === "review") {
        expect(keyVariables(env), fn.id).toEqual(["REVIEW_SEAL_KMS_KEY_ID"]);
        expect(env.REVIEW_SEAL_KMS_KEY_ID).toBe("arn:key/review-seal");
      } else expect(keyVariables(env), fn.id).toEqual([]);
    }
  });

  it("passes the local runtime's pair through the same member", () => {
    const local: Resolved = {
      ...aws,
      signingKey: (service, name) => {
        const vars = signingKeyEnv(service, name);
        return { [vars.privateKey]: "cHJpdmF0ZQ==", [vars.publicKey]: "cHVibGlj" };
      },
    };
    const decide = m.functions.find((f) => f.id === "review-decide")!;
    expect(keyVariables(environmentFor(decide, local, m)).sort()).toEqual([
      "REVIEW_SEAL_PRIVATE_KEY",
      "REVIEW_SEAL_PUBLIC_KEY",
    ]);
  });

  it("lets functions that write sign, read-only functions verify, and the publisher do neither", () => {
    const access = Object.fromEntries(
      m.functions.filter((f) => f.owner === "review").map((f) => [f.id, signingAccessFor(f)]),
    );
    expect(access).toEqual({
      "review-verify-document": "verify",
      "review-decide": "sign",
      "review-publisher": "none",
    });
    for (const fn of m.functions.filter((f) => f.owner === "platform"))
      expect(signingAccessFor(fn)).toBe("none");
  });

  it("refuses a runtime that cannot resolve a declared key, or answers with variables not its own", () => {
    const decide = m.functions.find((f) => f.id === "review-decide")!;
    const { signingKey: _, ...withoutKeys } = aws;
    expect(() => environmentFor(decide, withoutKeys, m)).toThrow(/resolves no signing keys; review-seal/);
    expect(() => environmentFor(decide, { ...aws, signingKey: () => ({ SEAL_KEY: "x" }) }, m)).toThrow(
      /SEAL_KEY is not one of its variables/,
    );
  });

  it("needs no signing key member where no service declares a key", () => {
    const { signingKey: _, ...withoutKeys } = aws;
    const plain = withReview({ ...reviewWithSeal, signingKeys: undefined });
    expect(plain.signingKeys).toEqual([]);
    for (const fn of plain.functions)
      expect(keyVariables(environmentFor(fn, withoutKeys, plain))).toEqual([]);
    expect(model.signingKeys.every((k) => services.some((s) => s.signingKeys?.includes(k.name)))).toBe(true);
  });

  it("refuses a key declared twice or not named in kebab-case", () => {
    expect(() => withReview({ ...reviewWithSeal, signingKeys: ["seal", "seal", "Seal_Key"] })).toThrow(
      /signing key seal of review is declared twice[\s\S]*"Seal_Key" of review is not a kebab-case name/,
    );
  });
});
