import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";

/** jose's own defaults for a remote key set: kept 10 minutes, fetched again at most every 30 s, 5 s to answer. */
const CACHE_MAX_AGE_MS = 10 * 60_000;
const COOLDOWN_MS = 30_000;
const TIMEOUT_MS = 5_000;

export type FetchJson = (url: URL) => Promise<unknown>;

/**
 * The user pool's signing keys at `url` (Cognito's JWKS), with the policy of jose's `createRemoteJWKSet`: fetched on
 * first use and kept for 10 minutes; a token naming a key the set lacks (the pool rotated its keys) fetches it again
 * at once, at most every 30 s; concurrent requests share one fetch. Not jose's own: its `new Headers()` loads Node's
 * fetch implementation (undici), ≈ 20–30 ms of every HTTP function's cold start (issue 21), while node:https is loaded
 * by the AWS SDK already.
 */
export function remoteKeySet(
  url: URL,
  fetchJson: FetchJson = getJson,
  now: () => number = Date.now,
): JWTVerifyGetKey {
  let keys: JWTVerifyGetKey | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<JWTVerifyGetKey> | undefined;
  const reload = () =>
    (pending ??= fetchJson(url)
      .then((json) => {
        keys = createLocalJWKSet(json as JSONWebKeySet); // throws JWKSInvalid on anything but a key set
        fetchedAt = now();
        return keys;
      })
      .finally(() => (pending = undefined)));
  return async (...args) => {
    const current = keys && now() - fetchedAt < CACHE_MAX_AGE_MS ? keys : await reload();
    try {
      return await current(...args);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || now() - fetchedAt < COOLDOWN_MS) throw error;
      return (await reload())(...args);
    }
  };
}

/** GET a JSON document over node:http(s), as jose's fetch would: 200 only, 5 s for the whole answer. */
function getJson(url: URL): Promise<unknown> {
  const request = url.protocol === "http:" ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        headers: { accept: "application/json, application/jwk-set+json" },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new errors.JOSEError("Expected 200 OK from the JSON Web Key Set HTTP response"));
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          } catch {
            reject(new errors.JWKSInvalid("Failed to parse the JSON Web Key Set HTTP response as JSON"));
          }
        });
      },
    );
    req.on("error", (error) =>
      reject(error.name === "AbortError" ? new errors.JWKSTimeout("request timed out") : error),
    );
    req.end();
  });
}
