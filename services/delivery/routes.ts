import * as z from "zod";
import { STAFF_ROLES } from "#shared/auth/roles.ts";
import { commonErrors, conflict, idSchema, notFound, pageQuery } from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";

export const routes = {
  listApplicationNotifications: route("GET /v1/applications/{applicationId}/notifications", {
    handler: "list-application-notifications",
    auth: ["applicant", ...STAFF_ROLES],
    summary:
      "A case's progress notifications, with status, channel and template version (owner, or staff of its center)",
    params: z.object({ applicationId: idSchema("app") }),
    query: z.object(pageQuery),
    responses: { 200: { description: "A page of notifications" }, ...commonErrors, ...notFound },
  }),
  listMyNotifications: route("GET /v1/me/notifications", {
    handler: "list-my-notifications",
    auth: ["applicant", ...STAFF_ROLES],
    summary: "The caller's inbox: an applicant's case notifications, a staff member's warnings",
    query: z.object(pageQuery),
    responses: { 200: { description: "A page of notifications" }, ...commonErrors },
  }),
  recordCallResult: route("POST /v1/notifications/{notificationId}/call-result", {
    handler: "record-call-result",
    auth: STAFF_ROLES,
    summary: "Record the outcome of a phone-call task (the applicant asked to be called)",
    params: z.object({ notificationId: idSchema("ntf") }),
    body: z.object({ reached: z.boolean(), note: z.string().trim().max(500).optional() }),
    responses: { 200: { description: "The notification" }, ...commonErrors, ...notFound, ...conflict },
  }),
};
