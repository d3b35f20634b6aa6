import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./api.d.ts";

export type { components, operations, paths } from "./api.d.ts";

/**
 * A typed client of the API, generated from docs/openapi.json (openapi-typescript types, openapi-fetch calls): what the
 * web front ends use (issue 16). `token` is asked for on every request, so a refreshed sign-in is picked up.
 */
export function createApiClient(baseUrl: string, token?: () => string | undefined): Client<paths> {
  const client = createClient<paths>({ baseUrl });
  if (token)
    client.use({
      onRequest({ request }) {
        const value = token();
        if (value) request.headers.set("authorization", `Bearer ${value}`);
        return request;
      },
    });
  return client;
}
