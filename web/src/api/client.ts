import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../../../clients/typescript/api.d.ts";
import { session } from "../session.ts";

/**
 * The API client: types generated from docs/openapi.json (`npm run docs`, openapi-typescript), calls through
 * openapi-fetch — never written by hand. Same origin as the console, so no CORS and no API URL locally.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });

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

/** An RFC 9457 problem as the API answers it: field errors beside their fields, the rest as a message. */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  rule?: string;
  errors?: { path: (string | number)[]; message: string }[];
}
