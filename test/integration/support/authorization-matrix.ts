import type { Role } from "#shared/auth/roles.ts";

/**
 * Who may call each route (issue 10, "Authorization matrix"), written down as data independent of the manifest: the
 * test compares the two and sends every caller to every route, so a route added to the manifest without an entry here
 * fails, and so does a manifest change of who may call a route that nobody reviewed here.
 *
 * `allow` are the callers that pass the role check (everyone else gets 401 without a token, 403 with one). `scope`
 * says how the use case narrows the allowed callers with data (DESIGN.md "Auth"; shared/auth/principal.ts):
 * - `center`: staff of the resource's center only; `department`: and, for department-bound staff, of its department;
 * - `owner`: the applicant whose record it is; `ownerOrCenter`: the owner, or staff of its center;
 * - `signature`: no token at all, a 12345 signature (shared/webhooks/signature.ts);
 * - `none`: public, or data that belongs to no center.
 * `testedIn` names where own against foreign is exercised: "here" (security-authorization.test.ts) or another file.
 */
export type Caller = Role | "anonymous";

export type Scope =
  | { kind: "none" }
  | { kind: "center" | "department" | "owner" | "ownerOrCenter" | "signature"; testedIn: string };

export interface AuthorizationEntry {
  allow: readonly Caller[];
  scope: Scope;
}

export const CALLERS = [
  "anonymous",
  "applicant",
  "clerk",
  "approver",
  "chiefRep",
  "admin",
  "supervisor",
] as const satisfies readonly Caller[];

const EVERYONE = CALLERS;
const ALL_ROLES = ["applicant", "clerk", "approver", "chiefRep", "admin", "supervisor"] as const;
const STAFF = ["clerk", "approver", "chiefRep", "admin", "supervisor"] as const;

export const authorizationMatrix: Record<string, AuthorizationEntry> = {
  "GET /v1/health": { allow: EVERYONE, scope: { kind: "none" } },
  "GET /v1/openapi.json": { allow: EVERYONE, scope: { kind: "none" } },
  "GET /v1/centers": { allow: EVERYONE, scope: { kind: "none" } },
  "POST /v1/centers": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-centers.test.ts" },
  },
  "GET /v1/centers/{centerId}": { allow: EVERYONE, scope: { kind: "none" } },
  "GET /v1/centers/{centerId}/items": { allow: EVERYONE, scope: { kind: "none" } },
  "PATCH /v1/centers/{centerId}": { allow: ["admin"], scope: { kind: "center", testedIn: "here" } },
  "POST /v1/centers/{centerId}/stations": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-centers.test.ts" },
  },
  "POST /v1/centers/{centerId}/windows": { allow: ["admin"], scope: { kind: "center", testedIn: "here" } },
  "PATCH /v1/centers/{centerId}/windows/{windowId}": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-centers.test.ts" },
  },
  "POST /v1/centers/{centerId}/departments": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "here" },
  },
  "PUT /v1/centers/{centerId}/departments/{departmentId}/chief-representative": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-centers.test.ts" },
  },
  "POST /v1/centers/{centerId}/closures": { allow: ["admin"], scope: { kind: "center", testedIn: "here" } },
  "POST /v1/centers/{centerId}/openings": { allow: ["admin"], scope: { kind: "center", testedIn: "here" } },
  "DELETE /v1/centers/{centerId}/openings/{date}": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/calendar-years.test.ts" },
  },
  "DELETE /v1/centers/{centerId}/closures/{date}": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-centers.test.ts" },
  },
  "GET /v1/items": { allow: EVERYONE, scope: { kind: "none" } },
  "POST /v1/items": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-items.test.ts" },
  },
  "GET /v1/items/{itemId}": { allow: EVERYONE, scope: { kind: "none" } },
  "POST /v1/items/{itemId}/guides": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-items.test.ts" },
  },
  "GET /v1/centers/{centerId}/items/{itemId}": { allow: EVERYONE, scope: { kind: "none" } },
  "PUT /v1/centers/{centerId}/items/{itemId}": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-items.test.ts" },
  },
  "GET /v1/centers/{centerId}/staff": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "here" },
  },
  "POST /v1/staff": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-staff.test.ts" },
  },
  "GET /v1/staff/{staffId}": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/catalog-staff.test.ts" },
  },
  "GET /v1/staff/{staffId}/card": { allow: EVERYONE, scope: { kind: "none" } },
  "GET /v1/me/staff": {
    allow: STAFF,
    scope: { kind: "owner", testedIn: "test/integration/catalog-staff.test.ts" },
  },
  "POST /v1/staff/{staffId}/assignments": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-staff.test.ts" },
  },
  "POST /v1/staff/{staffId}/training": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-staff.test.ts" },
  },
  "POST /v1/staff/{staffId}/exam": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/catalog-staff.test.ts" },
  },
  "GET /v1/compliance/findings": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/catalog-staff-compliance.test.ts" },
  },
  "GET /v1/calendar/workdays": { allow: EVERYONE, scope: { kind: "none" } },
  "GET /v1/calendar/coverage": { allow: EVERYONE, scope: { kind: "none" } },
  "GET /v1/calendar/years/{year}": { allow: EVERYONE, scope: { kind: "none" } },
  // Only the city center's administration publishes: another center's admin passes the role check and gets 403.
  "PUT /v1/calendar/years/{year}": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/calendar-years.test.ts" },
  },
  "GET /v1/items/{itemId}/one-time-notice": { allow: EVERYONE, scope: { kind: "none" } },
  "POST /v1/applications": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-applications.test.ts" },
  },
  "POST /v1/applications/bundles": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-applications.test.ts" },
  },
  "GET /v1/applications": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-applications.test.ts" },
  },
  "GET /v1/applications/{applicationId}": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "here" },
  },
  "POST /v1/applications/{applicationId}/acceptance": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "here" },
  },
  "POST /v1/applications/{applicationId}/supplements": {
    allow: ["applicant", "clerk"],
    scope: { kind: "owner", testedIn: "here" },
  },
  "GET /v1/applications/{applicationId}/documents/{documentId}": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-applications.test.ts" },
  },
  "GET /v1/applications/{applicationId}/documents/{documentId}/verify": {
    allow: EVERYONE,
    scope: { kind: "none" },
  },
  "POST /v1/authorisations": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/security-identity.test.ts" },
  },
  "GET /v1/authorisations/{authorisationId}": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/security-identity.test.ts" },
  },
  "POST /v1/authorisations/{authorisationId}/revocation": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/security-identity.test.ts" },
  },
  "GET /v1/me/authorisations": {
    allow: ["applicant"],
    scope: { kind: "owner", testedIn: "test/integration/security-identity.test.ts" },
  },
  "POST /v1/consultations": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "GET /v1/consultations/{consultationId}": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "GET /v1/appointments/slots": { allow: EVERYONE, scope: { kind: "none" } },
  "POST /v1/appointments": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-appointments.test.ts" },
  },
  "GET /v1/appointments/{appointmentId}": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-appointments.test.ts" },
  },
  "POST /v1/appointments/{appointmentId}/reschedule": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-appointments.test.ts" },
  },
  "POST /v1/appointments/{appointmentId}/cancel": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-appointments.test.ts" },
  },
  "POST /v1/appointments/{appointmentId}/check-in": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/intake-appointments.test.ts" },
  },
  "GET /v1/centers/{centerId}/appointment-calendar-conflicts": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/calendar-years.test.ts" },
  },
  "POST /v1/me/contacts": {
    allow: ["applicant"],
    scope: { kind: "owner", testedIn: "test/integration/delivery-notifications.test.ts" },
  },
  "POST /v1/me/contacts/confirm": {
    allow: ["applicant"],
    scope: { kind: "owner", testedIn: "test/integration/delivery-notifications.test.ts" },
  },
  "GET /v1/me/contacts": {
    allow: ["applicant"],
    scope: { kind: "owner", testedIn: "test/integration/delivery-notifications.test.ts" },
  },
  "GET /v1/me/appointments": {
    allow: ["applicant"],
    scope: { kind: "owner", testedIn: "test/integration/intake-appointments.test.ts" },
  },
  "POST /v1/tickets": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "GET /v1/tickets/{ticketId}": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "GET /v1/centers/{centerId}/lobby": { allow: EVERYONE, scope: { kind: "none" } },
  "GET /v1/windows/{windowId}/queue": {
    allow: ["clerk", "admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "POST /v1/files": {
    allow: ["applicant", "clerk"],
    scope: { kind: "none" },
  },
  "POST /v1/files/{fileId}/check": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-files.test.ts" },
  },
  "GET /v1/files/{fileId}": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-files.test.ts" },
  },
  "GET /v1/applications/{applicationId}/files/{fileId}": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/intake-files.test.ts" },
  },
  "GET /v1/applications/{applicationId}/files/{fileId}/accesses": {
    allow: STAFF,
    scope: { kind: "department", testedIn: "test/integration/intake-files.test.ts" },
  },
  "GET /v1/centers/{centerId}/appointments": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/intake-appointments.test.ts" },
  },
  "POST /v1/windows/{windowId}/call-next": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "POST /v1/tickets/{ticketId}/serve": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "POST /v1/tickets/{ticketId}/complete": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "POST /v1/tickets/{ticketId}/no-show": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "POST /v1/tickets/{ticketId}/transfer": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/intake-tickets.test.ts" },
  },
  "GET /v1/review-tasks": {
    allow: ["approver", "chiefRep", "admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/review.test.ts" },
  },
  "GET /v1/applications/{applicationId}/review": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "here" },
  },
  "POST /v1/applications/{applicationId}/review/claim": {
    allow: ["approver", "chiefRep"],
    scope: { kind: "department", testedIn: "here" },
  },
  "POST /v1/applications/{applicationId}/review/release": {
    allow: ["approver", "chiefRep"],
    scope: { kind: "department", testedIn: "test/integration/review.test.ts" },
  },
  "POST /v1/applications/{applicationId}/review/reassign": {
    allow: ["chiefRep", "admin"],
    scope: { kind: "center", testedIn: "test/integration/review.test.ts" },
  },
  "POST /v1/applications/{applicationId}/special-procedures": {
    allow: ["approver", "chiefRep"],
    scope: { kind: "department", testedIn: "test/integration/review.test.ts" },
  },
  "POST /v1/applications/{applicationId}/special-procedures/{procedureId}/complete": {
    allow: ["approver", "chiefRep"],
    scope: { kind: "department", testedIn: "test/integration/review.test.ts" },
  },
  "POST /v1/applications/{applicationId}/extension": {
    allow: ["approver", "chiefRep"],
    scope: { kind: "department", testedIn: "test/integration/review.test.ts" },
  },
  "POST /v1/applications/{applicationId}/material-requests": {
    allow: ["approver", "chiefRep"],
    scope: { kind: "department", testedIn: "test/integration/review.test.ts" },
  },
  "POST /v1/applications/{applicationId}/recommendation": {
    allow: ["chiefRep"],
    scope: { kind: "department", testedIn: "test/integration/review.test.ts" },
  },
  "POST /v1/applications/{applicationId}/decision": {
    allow: ["approver", "chiefRep"],
    scope: { kind: "department", testedIn: "test/integration/review.test.ts" },
  },
  "POST /v1/applications/{applicationId}/contacts": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/review.test.ts" },
  },
  "GET /v1/applications/{applicationId}/contacts": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "here" },
  },
  "GET /v1/centers/{centerId}/flagged-contacts": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/review.test.ts" },
  },
  "GET /v1/centers/{centerId}/departments/{departmentId}/deciders": {
    allow: ["approver", "chiefRep", "admin", "supervisor"],
    scope: { kind: "department", testedIn: "test/integration/review.test.ts" },
  },
  "GET /v1/documents/{documentId}": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/review.test.ts" },
  },
  "GET /v1/documents/{documentId}/verify": { allow: EVERYONE, scope: { kind: "none" } },
  "GET /v1/applications/{applicationId}/notifications": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "here" },
  },
  "GET /v1/me/notifications": {
    allow: ALL_ROLES,
    scope: { kind: "owner", testedIn: "test/integration/delivery-notifications.test.ts" },
  },
  "POST /v1/notifications/{notificationId}/call-result": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/delivery-notifications.test.ts" },
  },
  "POST /v1/applications/{applicationId}/delivery": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/delivery-results.test.ts" },
  },
  "POST /v1/applications/{applicationId}/delivery/handover": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/delivery-results.test.ts" },
  },
  "POST /v1/applications/{applicationId}/delivery/locker-pickup": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/delivery-results.test.ts" },
  },
  "POST /v1/applications/{applicationId}/delivery/dispatch": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/delivery-results.test.ts" },
  },
  "POST /v1/applications/{applicationId}/delivery/mail-result": {
    allow: ["clerk"],
    scope: { kind: "center", testedIn: "test/integration/delivery-results.test.ts" },
  },
  "GET /v1/applications/{applicationId}/delivery": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/delivery-results.test.ts" },
  },
  "GET /v1/applications/{applicationId}/e-license": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/delivery-results.test.ts" },
  },
  "GET /v1/deliveries": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/delivery-results.test.ts" },
  },
  "GET /v1/results/{token}": { allow: EVERYONE, scope: { kind: "none" } },
  "GET /v1/warnings": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/monitoring-clocks.test.ts" },
  },
  // the supervisor's center and the centers under it: scope from the center hierarchy, not one center
  "GET /v1/supervision/warnings": {
    allow: ["supervisor"],
    scope: { kind: "center", testedIn: "test/integration/monitoring-cross-center.test.ts" },
  },
  "GET /v1/applications/{applicationId}/clocks": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "here" },
  },
  "GET /v1/centers/{centerId}/warning-policy": { allow: STAFF, scope: { kind: "center", testedIn: "here" } },
  "PUT /v1/centers/{centerId}/warning-policy": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "here" },
  },
  "POST /v1/hotline/work-orders": {
    allow: [],
    scope: { kind: "signature", testedIn: "test/integration/security-webhook.test.ts" },
  },
  "POST /v1/inspections": {
    allow: ["supervisor", "admin"],
    scope: { kind: "center", testedIn: "test/integration/monitoring-inspections.test.ts" },
  },
  "POST /v1/self-checks": {
    allow: ["clerk", "chiefRep", "admin"],
    scope: { kind: "center", testedIn: "test/integration/monitoring-inspections.test.ts" },
  },
  "GET /v1/centers/{centerId}/inspections": {
    allow: ["chiefRep", "admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/monitoring-inspections.test.ts" },
  },
  "GET /v1/centers/{centerId}/staff-appraisal": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/monitoring-inspections.test.ts" },
  },
  "POST /v1/inspections/{inspectionId}/findings/{findingId}/rectification": {
    allow: ["chiefRep", "admin"],
    scope: { kind: "center", testedIn: "test/integration/monitoring-inspections.test.ts" },
  },
  "POST /v1/hotline/evaluations/{ratingId}/verification": {
    allow: [],
    scope: { kind: "signature", testedIn: "test/integration/complaints-ratings.test.ts" },
  },
  "POST /v1/hotline/work-orders/{orderNo}/follow-ups": {
    allow: [],
    scope: { kind: "signature", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "POST /v1/complaints": {
    allow: ALL_ROLES,
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "GET /v1/work-orders": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "GET /v1/work-orders/{workOrderId}": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "POST /v1/work-orders/{workOrderId}/dispatch": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "POST /v1/work-orders/{workOrderId}/sign-for": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "POST /v1/work-orders/{workOrderId}/progress": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "POST /v1/work-orders/{workOrderId}/reply": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "POST /v1/work-orders/{workOrderId}/follow-up": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "POST /v1/work-orders/{workOrderId}/transfers": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "POST /v1/work-orders/{workOrderId}/transfers/{transferId}/answer": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-hotline.test.ts" },
  },
  "GET /v1/supervision/rates": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/complaints-ratings.test.ts" },
  },
  "POST /v1/evaluations": {
    allow: ["applicant", "clerk"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/complaints-ratings.test.ts" },
  },
  "GET /v1/evaluations/{ratingId}": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/complaints-ratings.test.ts" },
  },
  "POST /v1/evaluations/{ratingId}/appeal": {
    allow: ["admin", "chiefRep"],
    scope: { kind: "center", testedIn: "test/integration/complaints-ratings.test.ts" },
  },
  "POST /v1/evaluations/{ratingId}/appeal/decision": {
    allow: ["supervisor"],
    scope: { kind: "department", testedIn: "test/integration/review.test.ts" },
  },
  "GET /v1/rectifications": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-ratings.test.ts" },
  },
  "POST /v1/rectifications/{rectificationId}/follow-up-call": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-ratings.test.ts" },
  },
  "POST /v1/rectifications/{rectificationId}/complete": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-ratings.test.ts" },
  },
  "GET /v1/reports/indicators": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "test/integration/monitoring-indicators.test.ts" },
  },
  "GET /v1/metrics/centers/{centerId}": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "here" },
  },
  "GET /v1/centers/{centerId}/staffing": {
    allow: ["admin", "supervisor"],
    scope: { kind: "center", testedIn: "here" },
  },
  "POST /v1/unresolved-matters": {
    allow: ["applicant", "clerk", "approver", "chiefRep", "admin"],
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/complaints-unresolved-matters.test.ts" },
  },
  "GET /v1/unresolved-matters": {
    allow: STAFF,
    scope: { kind: "center", testedIn: "test/integration/complaints-unresolved-matters.test.ts" },
  },
  "GET /v1/unresolved-matters/{matterId}": {
    allow: ALL_ROLES,
    scope: { kind: "ownerOrCenter", testedIn: "test/integration/complaints-unresolved-matters.test.ts" },
  },
  "POST /v1/unresolved-matters/{matterId}/coordinator": {
    allow: ["admin"],
    scope: { kind: "center", testedIn: "test/integration/complaints-unresolved-matters.test.ts" },
  },
  "POST /v1/unresolved-matters/{matterId}/meetings": {
    allow: ["clerk", "approver", "chiefRep", "admin"],
    scope: { kind: "center", testedIn: "test/integration/complaints-unresolved-matters.test.ts" },
  },
  "POST /v1/unresolved-matters/{matterId}/reply": {
    allow: ["clerk", "approver", "chiefRep", "admin"],
    scope: { kind: "center", testedIn: "test/integration/complaints-unresolved-matters.test.ts" },
  },
  "POST /v1/unresolved-matters/{matterId}/application": {
    allow: ["clerk", "approver", "chiefRep", "admin"],
    scope: { kind: "center", testedIn: "test/integration/complaints-unresolved-matters.test.ts" },
  },
};
