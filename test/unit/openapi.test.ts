import { readFileSync } from "node:fs";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { clientTypes } from "#infra/client-types.ts";
import { openApiDocument, routeTable } from "#infra/openapi.ts";
import { acceptsBrotli } from "#shared/http/handlers/openapi.handler.ts";
import { openApiBrotliBase64 } from "#shared/http/handlers/openapi-document.ts";
import { allowedMethods } from "#shared/http/route-match.ts";
import { model } from "#infra/manifest.ts";

describe("docs/openapi.json", () => {
  it("is the document the manifest generates (run `npm run docs` after changing a route)", () => {
    const committed = JSON.parse(readFileSync("docs/openapi.json", "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("is what the openapi function's brotli-compressed copy holds (run `npm run docs` after changing a route)", () => {
    const served = brotliDecompressSync(Buffer.from(openApiBrotliBase64, "base64")).toString("utf8");
    expect(served).toBe(JSON.stringify(openApiDocument()));
  });

  it("is answered compressed to callers that accept br, and only to them", () => {
    const cases: [string | undefined, boolean][] = [
      ["gzip, deflate, br", true],
      ["br;q=0.5", true],
      ["*", true],
      ["gzip, br;q=0", false],
      ["gzip, deflate", false],
      [undefined, false],
    ];
    for (const [acceptEncoding, compressed] of cases)
      expect(acceptsBrotli(acceptEncoding), acceptEncoding).toBe(compressed);
  });

  it("documents every route, with bearer security exactly on the protected ones and the signature on webhooks", () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    for (const { route } of model.routes) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, route.key).toBeDefined();
      const expected = route.signedBy
        ? [{ hotlineSignature: [] }]
        : route.auth === "public"
          ? []
          : [{ bearer: [] }];
      expect(op!.security, route.key).toEqual(expected);
    }
  });
});

describe("shared/http/route-table.json", () => {
  it("is the table the manifest generates (run `npm run docs` after changing a route)", () => {
    const committed = JSON.parse(readFileSync("shared/http/route-table.json", "utf8"));
    expect(committed).toEqual(routeTable());
  });

  it("gives the methods of a path that exists, and none for one that does not", () => {
    const methodsOf = allowedMethods(routeTable());
    expect(methodsOf("/v1/applications")).toEqual(["GET", "POST"]);
    expect(methodsOf("/v1/applications/app_1/acceptance")).toEqual(["POST"]);
    expect(methodsOf("/v1/no-such-thing")).toEqual([]);
  });
});

describe("clients/typescript/api.d.ts", () => {
  it("is what openapi-typescript makes of the contract (run `npm run docs` after changing a route)", async () => {
    expect(readFileSync("clients/typescript/api.d.ts", "utf8")).toBe(await clientTypes());
  });
});
