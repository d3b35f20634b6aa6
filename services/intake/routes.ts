import * as z from "zod";
import { commonErrors, idSchema, notFound } from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";

export const routes = {
  getOneTimeNotice: route("GET /v1/items/{itemId}/one-time-notice", {
    handler: "get-one-time-notice",
    auth: "public",
    summary: "The one-time notice (一次性告知) generated from the item's guide in force",
    params: z.object({ itemId: idSchema("itm") }),
    responses: {
      200: { description: "The notice, structured and as printable text" },
      400: commonErrors[400],
      ...notFound,
    },
  }),
};
