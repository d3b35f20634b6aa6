import * as z from "zod";
import { route } from "#shared/manifest/types.ts";
import { commonErrors, conflict, idSchema, notFound, pageQuery } from "#shared/http/schemas.ts";
import { centerInputSchema } from "./domain/center.ts";
import { guideContentSchema } from "./domain/guide.ts";
import { itemInputSchema } from "./domain/item.ts";

const itemParams = z.object({ itemId: idSchema("itm") });
const centerParams = z.object({ centerId: idSchema("ctr") });

export const routes = {
  getCalendarCoverage: route("GET /v1/calendar/coverage", {
    handler: "get-calendar-coverage",
    auth: "public",
    summary: "How far ahead the holiday calendar reaches, and whether that is enough",
    responses: { 200: { description: "Coverage status" } },
  }),
  listCenters: route("GET /v1/centers", {
    handler: "list-centers",
    auth: "public",
    summary: "List service centers",
    query: z.object(pageQuery),
    responses: { 200: { description: "A page of centers" }, 400: commonErrors[400] },
  }),
  getCenter: route("GET /v1/centers/{centerId}", {
    handler: "get-center",
    auth: "public",
    summary: "A service center with its level, phone and departments",
    params: centerParams,
    responses: {
      200: { description: "The center", schema: centerInputSchema },
      ...notFound,
      400: commonErrors[400],
    },
  }),
  registerItem: route("POST /v1/items", {
    handler: "register-item",
    auth: ["admin"],
    summary: "Add a service item to the catalog",
    body: itemInputSchema,
    responses: { 201: { description: "The item" }, ...commonErrors, ...conflict },
  }),
  getItem: route("GET /v1/items/{itemId}", {
    handler: "get-item",
    auth: "public",
    summary: "A service item with its current guide (or `?version=`)",
    params: itemParams,
    query: z.object({ version: z.coerce.number().int().positive().optional() }),
    responses: { 200: { description: "The item and guide" }, 400: commonErrors[400], ...notFound },
  }),
  publishGuide: route("POST /v1/items/{itemId}/guides", {
    handler: "publish-guide",
    auth: ["admin"],
    summary: "Publish a new, immutable guide version",
    params: itemParams,
    body: guideContentSchema,
    responses: {
      201: { description: "The published guide version" },
      ...commonErrors,
      ...notFound,
      ...conflict,
    },
  }),
};
