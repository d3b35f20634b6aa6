import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InternalError } from "../errors.ts";
import { secretValue } from "./secrets.ts";

const arn = (n: number) => `arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:hotline-${n}`;

describe("secretValue", () => {
  // The extension's local endpoint, as the layer serves it: the session token checked, the secret by its ARN.
  let extension: Server;
  let port: string;
  const asked: string[] = [];
  beforeAll(async () => {
    extension = createServer((req, res) => {
      const id = new URL(req.url!, "http://localhost").searchParams.get("secretId")!;
      asked.push(id);
      if (req.headers["x-aws-parameters-secrets-token"] !== "session") res.writeHead(401).end();
      else res.end(JSON.stringify({ SecretString: `from-extension:${id.slice(-1)}` }));
    });
    await new Promise<void>((resolve) => extension.listen(0, "127.0.0.1", resolve));
    port = String((extension.address() as AddressInfo).port);
  });
  afterAll(() => new Promise((resolve) => extension.close(resolve)));
  const sdk = mockClient(SecretsManagerClient);
  beforeEach(() => {
    sdk.reset();
    asked.length = 0;
  });

  it("takes the value from the environment locally", async () => {
    expect(await secretValue("HOTLINE_SECRET", { HOTLINE_SECRET: "s3cret" })).toBe("s3cret");
  });

  it("reads through the extension where the function has its layer", async () => {
    const env = { X_ARN: arn(1), PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: port, AWS_SESSION_TOKEN: "session" };
    expect(await secretValue("X", env)).toBe("from-extension:1");
    expect(await secretValue("X", env)).toBe("from-extension:1");
    expect(asked).toEqual([arn(1)]); // cached
    expect(sdk.calls()).toHaveLength(0);
  });

  it("reads with the SDK where there is no layer (the China regions), once per five minutes", async () => {
    sdk.on(GetSecretValueCommand, { SecretId: arn(2) }).resolves({ SecretString: "from-sdk" });
    expect(await secretValue("X", { X_ARN: arn(2) })).toBe("from-sdk");
    expect(await secretValue("X", { X_ARN: arn(2) })).toBe("from-sdk");
    expect(sdk.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(asked).toEqual([]);
  });

  it("fails as an internal error naming the secret, never its value or the SDK's message", async () => {
    sdk
      .on(GetSecretValueCommand)
      .rejects(Object.assign(new Error("arn … not authorized"), { name: "AccessDeniedException" }));
    const error = await secretValue("X", { X_ARN: arn(3) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalError);
    expect((error as Error).message).toBe("Secret X could not be read (AccessDeniedException).");
    sdk.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });
    await expect(secretValue("X", { X_ARN: arn(4) })).rejects.toThrow("Secret X has no string value.");
    await expect(secretValue("Y", {})).rejects.toThrow("Secret Y is not configured.");
  });
});
