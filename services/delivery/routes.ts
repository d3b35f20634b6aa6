import * as z from "zod";
import { STAFF_ROLES } from "#shared/auth/roles.ts";
import {
  commonErrors,
  conflict,
  idSchema,
  notFound,
  pageQuery,
  unprocessable,
} from "#shared/http/schemas.ts";
import { route } from "#shared/manifest/types.ts";
import { confirmContactSchema, contactInputSchema } from "./domain/contacts.ts";
import {
  contactCodeSentSchema,
  notificationPageSchema,
  notificationSchema,
  verifiedContactsSchema,
} from "./notification.schema.ts";

export const routes = {
  listApplicationNotifications: route("GET /v1/applications/{applicationId}/notifications", {
    handler: "list-application-notifications",
    auth: ["applicant", ...STAFF_ROLES],
    summary:
      "A case's progress notifications, with status, channel and template version (owner, or staff of its center)",
    params: z.object({ applicationId: idSchema("app") }),
    query: z.object(pageQuery),
    responses: {
      200: { description: "A page of notifications", schema: notificationPageSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  listMyNotifications: route("GET /v1/me/notifications", {
    handler: "list-my-notifications",
    auth: ["applicant", ...STAFF_ROLES],
    summary: "The caller's inbox: an applicant's case notifications, a staff member's warnings",
    query: z.object(pageQuery),
    responses: {
      200: { description: "A page of notifications", schema: notificationPageSchema },
      ...commonErrors,
    },
  }),
  requestContactCode: route("POST /v1/me/contacts", {
    handler: "request-contact-code",
    auth: ["applicant"],
    summary:
      "Send a one-time code to a phone or email the applicant wants their messages at (online applications use only verified contacts)",
    description:
      "The 6-digit code goes out by SMS or email (locally: GET /_local/outbox) and is good for 10 minutes. At most 5 " +
      "codes an hour per account; the recipient's send limit applies too.",
    body: contactInputSchema,
    responses: {
      202: { description: "The code was sent", schema: contactCodeSentSchema },
      ...commonErrors,
      ...unprocessable,
    },
  }),
  confirmContact: route("POST /v1/me/contacts/confirm", {
    handler: "confirm-contact",
    auth: ["applicant"],
    summary: "Enter the code back: the phone or email becomes the account's (replacing the previous one)",
    description: "A wrong code is a 422 naming `code`, with the tries left; five wrong ones spend the code.",
    body: confirmContactSchema,
    responses: {
      200: { description: "The account's verified contacts", schema: verifiedContactsSchema },
      ...commonErrors,
      ...unprocessable,
    },
  }),
  getMyContacts: route("GET /v1/me/contacts", {
    handler: "get-my-contacts",
    auth: ["applicant"],
    summary: "The account's verified phone and email, where its online applications' messages go",
    responses: {
      200: { description: "The verified contacts", schema: verifiedContactsSchema },
      ...commonErrors,
    },
  }),
  recordCallResult: route("POST /v1/notifications/{notificationId}/call-result", {
    handler: "record-call-result",
    auth: STAFF_ROLES,
    summary: "Record the outcome of a phone-call task (the applicant asked to be called)",
    params: z.object({ notificationId: idSchema("ntf") }),
    body: z.object({ reached: z.boolean(), note: z.string().trim().max(500).optional() }),
    responses: {
      200: { description: "The notification", schema: notificationSchema },
      ...commonErrors,
      ...notFound,
      ...conflict,
    },
  }),
};
