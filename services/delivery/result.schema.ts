import * as z from "zod";
import { reviewDecided } from "#services/review/contract/events.ts";
import { dateTimeString, historyEntrySchema, pageOf } from "#shared/http/schemas.ts";
import { DELIVERY_METHODS, DELIVERY_STATES, IDENTITY_CHECKS } from "./domain/results.ts";

/**
 * The answers about result deliveries (issue 16): what `deliveryView` shows, described once for the contract and the
 * contract test. Codes, the link's path and the full address appear only where the view reveals them (so optional
 * here); masked values are plain strings.
 */
const datetime = dateTimeString;

const addressView = z.object({
  recipient: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  street: z.string(),
  postcode: z.string(),
});

/** The sealed decision as review's `review.decided` carries it (delivery keeps that copy). */
const decisionDocument = reviewDecided.schema.shape.document.meta({ id: "DecisionDocument" });

export const eLicenseSchema = z
  .object({
    id: z.string(),
    licenseType: z.string(),
    number: z.string(),
    holder: z.string().meta({ description: "Masked" }),
    issuedAt: datetime,
    applicationId: z.string(),
    itemId: z.string(),
    centerId: z.string(),
    documentId: z.string(),
  })
  .meta({ id: "ELicense" });

export const resultDeliverySchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    centerId: z.string(),
    itemId: z.string(),
    decision: z.enum(["approved", "denied"]),
    document: decisionDocument,
    eLicense: eLicenseSchema.optional(),
    offeredMethods: z.array(z.enum(DELIVERY_METHODS)),
    state: z.enum(DELIVERY_STATES),
    method: z.enum(DELIVERY_METHODS).optional(),
    window: z
      .object({
        pickupCode: z.string().optional().meta({ description: "To the owner only" }),
        issuedAt: datetime,
      })
      .optional(),
    locker: z
      .object({
        lockerId: z.string(),
        compartment: z.number().int(),
        code: z.string().optional().meta({ description: "To the owner only" }),
        loadedAt: datetime,
        expiresAt: datetime,
      })
      .optional(),
    electronic: z
      .object({
        linkId: z.string(),
        path: z.string().optional().meta({ description: "To the owner only" }),
        pushedAt: datetime,
        expiresAt: datetime,
      })
      .optional(),
    mail: z
      .object({
        address: addressView,
        carrier: z.string().optional(),
        trackingNumber: z.string().optional(),
        dispatchedAt: datetime.optional(),
        outcome: z.enum(["delivered", "returned"]).optional(),
        outcomeAt: datetime.optional(),
        note: z.string().optional(),
      })
      .optional(),
    codeGuard: z.object({ wrong: z.number().int(), lockedAt: datetime.optional() }).optional(),
    handover: z
      .object({
        by: z.string(),
        role: z.string(),
        at: datetime,
        identityCheck: z.object({ method: z.enum(IDENTITY_CHECKS), note: z.string().optional() }).optional(),
      })
      .optional(),
    completedAt: datetime.optional(),
    openedAt: datetime,
    updatedAt: datetime,
    version: z.number().int(),
  })
  .meta({ id: "ResultDelivery" });

export const resultDeliveryWithHistorySchema = resultDeliverySchema
  .extend({
    linkOpenings: z
      .object({ count: z.number().int(), first: datetime.optional(), last: datetime.optional() })
      .optional(),
    history: z.array(historyEntrySchema),
  })
  .meta({ id: "ResultDeliveryWithHistory" });

export const resultDeliveryPageSchema = pageOf(resultDeliverySchema, "ResultDeliveryPage");

/** What an electronic result link opens: the sealed decision, how to verify it, and the e-license (holder masked). */
export const openedResultSchema = z
  .object({
    applicationId: z.string(),
    decision: z.enum(["approved", "denied"]),
    document: decisionDocument,
    verify: z.string().meta({ description: "The verification route for this document and its hash" }),
    eLicense: eLicenseSchema.optional(),
    expiresAt: datetime,
    openedAt: datetime,
  })
  .meta({ id: "OpenedResult" });
