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
import {
  assignCoordinatorSchema,
  COORDINATOR_ROLES,
  linkApplicationSchema,
  MATTER_STATES,
  meetingSchema,
  recordMatterSchema,
  replySchema,
} from "./domain/unresolved-matter.ts";
import {
  unresolvedMatterMeetingRecordedSchema,
  unresolvedMatterPageSchema,
  unresolvedMatterSchema,
  unresolvedMatterViewSchema,
} from "./unresolved-matter.schema.ts";

/** Routes of the unresolved-matter desk (办不成事反映, art. 13, 34). The supervision service spreads these into its routes. */
const matter = z.object({ matterId: idSchema("urm") });
const writes = { ...commonErrors, ...notFound, ...conflict, ...unprocessable };

export const matterRoutes = {
  recordUnresolvedMatter: route("POST /v1/unresolved-matters", {
    handler: "record-unresolved-matter",
    auth: ["applicant", ...COORDINATOR_ROLES],
    summary: "Record a matter someone could not get done (办不成事反映, art. 13, 34)",
    description:
      "Staff of the center record it from any channel; an applicant reports their own online (another channel → " +
      "422 naming `channel`) and can then follow it. Phone and ID number are masked in lists and never logged.",
    body: recordMatterSchema,
    responses: {
      201: { description: "The recorded matter", schema: unresolvedMatterSchema },
      ...commonErrors,
      ...unprocessable,
    },
  }),
  listUnresolvedMatters: route("GET /v1/unresolved-matters", {
    handler: "list-unresolved-matters",
    auth: STAFF_ROLES,
    summary:
      "A center's unresolved matters: waiting for a coordinator first, then assigned, in coordination, replied; oldest first (phones and ID numbers masked)",
    query: z.object({
      centerId: idSchema("ctr").optional(),
      state: z.enum(MATTER_STATES).optional(),
      ...pageQuery,
    }),
    responses: {
      200: { description: "A page of matters", schema: unresolvedMatterPageSchema },
      ...commonErrors,
    },
  }),
  getUnresolvedMatter: route("GET /v1/unresolved-matters/{matterId}", {
    handler: "get-unresolved-matter",
    auth: ["applicant", ...STAFF_ROLES],
    summary:
      "A matter with its coordinator, meetings, reply and history (staff of its center); the applicant who reported it sees their matter, the reply and the meetings' outcomes",
    params: matter,
    responses: {
      200: { description: "The matter", schema: unresolvedMatterViewSchema },
      ...commonErrors,
      ...notFound,
    },
  }),
  assignUnresolvedMatterCoordinator: route("POST /v1/unresolved-matters/{matterId}/coordinator", {
    handler: "assign-unresolved-matter-coordinator",
    auth: ["admin"],
    summary: "Make a member of the center's staff the matter's coordinator (or replace them)",
    description:
      "The staff member must work in the matter's center as clerk, approver, chief representative or admin and sign " +
      "in (otherwise 422 naming `staffId`). Refused once the applicant was replied to (409).",
    params: matter,
    body: assignCoordinatorSchema,
    responses: { 200: { description: "The matter", schema: unresolvedMatterSchema }, ...writes },
  }),
  recordUnresolvedMatterMeeting: route("POST /v1/unresolved-matters/{matterId}/meetings", {
    handler: "record-unresolved-matter-meeting",
    auth: COORDINATOR_ROLES,
    summary:
      "Record a case-by-case coordination meeting (专事专议, art. 34): departments, attendees, discussion, decisions, outcome, follow-up",
    description:
      "By the matter's coordinator or the center's administration, after the meeting took place (a future time → " +
      "422 naming `heldAt`). Needs a coordinator first and is refused on a closed matter (409).",
    params: matter,
    body: meetingSchema,
    responses: {
      201: {
        description: "The matter and the meeting recorded",
        schema: unresolvedMatterMeetingRecordedSchema,
      },
      ...writes,
    },
  }),
  replyToUnresolvedMatter: route("POST /v1/unresolved-matters/{matterId}/reply", {
    handler: "reply-to-unresolved-matter",
    auth: COORDINATOR_ROLES,
    summary: "Answer the applicant — how it was sent, and whether the matter was resolved; this closes it",
    description: "By the matter's coordinator or the center's administration, once (a second reply → 409).",
    params: matter,
    body: replySchema,
    responses: { 200: { description: "The replied matter", schema: unresolvedMatterSchema }, ...writes },
  }),
  linkUnresolvedMatterApplication: route("POST /v1/unresolved-matters/{matterId}/application", {
    handler: "link-unresolved-matter-application",
    auth: COORDINATOR_ROLES,
    summary: "Link the application the matter finally led to (also after the reply)",
    description:
      "Staff of the matter's center. The same application again changes nothing; a different one → 409.",
    params: matter,
    body: linkApplicationSchema,
    responses: { 200: { description: "The matter", schema: unresolvedMatterSchema }, ...writes },
  }),
};
