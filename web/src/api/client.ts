import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../../../clients/typescript/api.d.ts";
import { session } from "../session.ts";
import { retrying503 } from "./problem.ts";

/**
 * The API client: types generated from docs/openapi.json (`npm run docs`, openapi-typescript), calls through
 * openapi-fetch — never written by hand. Same origin as the console, so no CORS and no API URL locally.
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: retrying503((request) => globalThis.fetch(request)),
});

/** Every call carries the signed-in user's token; a 401 sends them through sign-in and back to where they were. */
const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set("authorization", `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) session.expired();
    return response;
  },
};
api.use(auth);
