import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";
import { bucketId, type ServiceName } from "#shared/manifest/naming.ts";
import { corsConfigurationXml } from "../bucket-cors.ts";
import type { Model } from "../manifest.ts";
import { assertPortFree } from "./prerequisites.ts";
import { checkSignature } from "./s3-signature.ts";

/**
 * The emulator's one key pair: it checks every signature, presigned URLs included, against it. The local runtime's
 * functions sign with it (DynamoDB Local and the SQS server take any key), so their URLs verify as they would in AWS.
 */
export const S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

/** A bucket's name in the emulator: `govservice-intake-materials` (AWS names its own). */
export const localBucketName = (service: ServiceName, name: string) => `govservice-${service}-${name}`;

export interface S3Local {
  endpoint: string;
  /** By bucket id (`intake-materials`): the emulator's bucket name. */
  buckets: ReadonlyMap<string, string>;
  /** For `Resolved.bucketName`. */
  bucketName(service: ServiceName, name: string): string;
  stop(): Promise<void>;
}

/**
 * An S3-compatible server in this process (s3rver, 20minutes' maintained fork), on loopback, with every bucket of the
 * manifest; a `browserAccess` bucket gets the same CORS rule as in AWS (bucket-cors.ts) for `browserOrigins`. Objects
 * live in `dataDir/s3` with `--persist`, in a temporary folder removed at stop otherwise.
 *
 * Signatures are checked by s3-signature.ts, ahead of the emulator's own check, which refuses correctly signed
 * requests whose query holds `!'()*` (a download named `filename*=UTF-8''…`) or whose path is a bucket's (`/bucket/`).
 * Buckets are still made through the server's configuration, not the API, whose bucket-level calls are untried here.
 * Lifecycle, versioning, default encryption, tags sent with an upload (`x-amz-tagging`) and checksums are not
 * emulated — never configure them here; what S3 does with them is tested in AWS's template
 * (test/infra/buckets.test.ts).
 */
export async function startS3Local(
  m: Model,
  options: { port: number; dataDir?: string; browserOrigins: readonly string[] },
): Promise<S3Local> {
  if (options.port !== 0) {
    await assertPortFree(
      options.port,
      "the local S3 server",
      "another `npm start` running? Stop it or set S3_PORT.",
    );
  }
  const directory = options.dataDir
    ? join(options.dataDir, "s3")
    : mkdtempSync(join(tmpdir(), "govservice-s3-"));
  mkdirSync(directory, { recursive: true });
  const buckets = new Map(m.buckets.map((b) => [b.id, localBucketName(b.service, b.name)]));
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port,
    silent: true,
    directory,
    // Kept between runs only beside the persisted tables that refer to the objects. In memory the temporary folder is
    // removed at stop, which also spares the emulator's own reset (it warns: fs.rmdir's deprecated `recursive`).
    resetOnClose: false,
    // Mismatches are refused before the emulator's check, by ours (see above); what reaches it is correctly signed.
    allowMismatchedSignatures: true,
    configureBuckets: m.buckets.map((b) => ({
      name: buckets.get(b.id)!,
      configs: b.definition.browserAccess ? [corsConfigurationXml(options.browserOrigins)] : [],
    })),
  });
  // First of the app's middleware (s3rver is a Koa app, its stack built when it starts listening).
  (server as unknown as { middleware: KoaMiddleware[] }).middleware.unshift(
    refuseBadSignatures(options.browserOrigins),
  );
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    buckets,
    bucketName(service, name) {
      const bucket = buckets.get(bucketId(service, name));
      if (!bucket) throw new Error(`No bucket ${name} is declared for ${service}`);
      return bucket;
    },
    async stop() {
      // Node closes idle keep-alive connections with the server; an upload still running is not waited for long.
      await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}

interface KoaContext {
  req: IncomingMessage;
  method: string;
  status: number;
  type: string;
  body: unknown;
  set(name: string, value: string): void;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

/**
 * Answer a badly signed or expired request 403 with S3's error XML, before the emulator sees it — with CORS's
 * allow-origin for a front end's origin, as S3 adds it to errors, so a page reads the 403 rather than a CORS failure.
 */
function refuseBadSignatures(browserOrigins: readonly string[]): KoaMiddleware {
  return async (ctx, next) => {
    const check =
      ctx.method === "OPTIONS"
        ? ({ ok: true } as const)
        : checkSignature(
            { method: ctx.method, url: ctx.req.url ?? "/", headers: ctx.req.headers },
            S3_CREDENTIALS,
          );
    if (check.ok) return next();
    const origin = ctx.req.headers.origin;
    if (origin && browserOrigins.includes(origin)) ctx.set("Access-Control-Allow-Origin", origin);
    ctx.status = 403;
    ctx.type = "application/xml";
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${check.code}</Code><Message>${check.message}</Message></Error>`;
  };
}
