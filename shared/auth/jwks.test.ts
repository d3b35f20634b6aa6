import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { errors, exportJWK, generateKeyPair, SignJWT, jwtVerify, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteKeySet } from "./jwks.ts";

/** Two signing keys, as a user pool has before and after a rotation. */
const pair = async (kid: string) => {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "ES256" };
  const sign = () =>
    new SignJWT({ sub: "usr_1" })
      .setProtectedHeader({ alg: "ES256", kid })
      .setExpirationTime("1h")
      .sign(privateKey);
  return { jwk, sign };
};
let first: Awaited<ReturnType<typeof pair>>;
let second: Awaited<ReturnType<typeof pair>>;

/** A fake JWKS endpoint: serves `published`, counts the requests. */
let server: Server;
let url: URL;
let published: JWK[] = [];
let status = 200;
let requests = 0;

beforeAll(async () => {
  [first, second] = await Promise.all([pair("k1"), pair("k2")]);
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A key set on a clock the test moves. */
function keySetAt(start = 0) {
  const clock = { now: start };
  requests = 0;
  return { clock, keys: remoteKeySet(url, undefined, () => clock.now) };
}

describe("the user pool's key set (jose's remote key set policy, over node:http)", () => {
  it("fetches the keys on first use, once for concurrent requests, and keeps them for 10 minutes", async () => {
    // Arrange
    published = [first.jwk];
    const { clock, keys } = keySetAt();
    const token = await first.sign();

    // Act
    await Promise.all([jwtVerify(token, keys), jwtVerify(token, keys)]);
    clock.now += 9 * 60_000;
    await jwtVerify(token, keys);
    const withinTheCache = requests;
    clock.now += 60_000;
    await jwtVerify(token, keys);

    // Assert
    expect(withinTheCache).toBe(1);
    expect(requests).toBe(2);
  });

  it("fetches again for a key it lacks (a rotation), but at most every 30 s", async () => {
    // Arrange: the set was fetched before the pool's new key was published
    published = [first.jwk];
    const { clock, keys } = keySetAt();
    await jwtVerify(await first.sign(), keys);
    published = [first.jwk, second.jwk];
    const rotated = await second.sign();

    // Act + Assert
    await expect(jwtVerify(rotated, keys)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(requests).toBe(1);
    clock.now += 30_000;
    await expect(jwtVerify(rotated, keys)).resolves.toMatchObject({ payload: { sub: "usr_1" } });
    expect(requests).toBe(2);
  });

  it("refuses a token when the keys cannot be had: an answer other than 200, or not a key set", async () => {
    // Arrange
    const token = await first.sign();
    published = [first.jwk];
    status = 503;

    // Act + Assert
    await expect(jwtVerify(token, keySetAt().keys)).rejects.toThrow(/Expected 200 OK/);
    status = 200;
    published = "not keys" as unknown as JWK[];
    await expect(jwtVerify(token, keySetAt().keys)).rejects.toBeInstanceOf(errors.JWKSInvalid);
    published = [first.jwk];
  });
});
