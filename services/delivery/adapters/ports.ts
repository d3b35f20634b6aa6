import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { MESSAGE_PROVIDERS } from "#shared/config/messaging.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import type { SealPort } from "#shared/signing/signing-port.ts";
import { DEFAULT_SEND_LIMITS } from "../domain/notification.ts";
import { caseStore } from "./case-store.ts";
import { contactStore } from "./contact-store.ts";
import type { MessageProvider } from "./message-provider.ts";
import { notificationStore } from "./notification-store.ts";
import { resultStore } from "./result-store.ts";

export const deliveryEnv = parseEnv(
  z.object({
    [tableEnv("delivery")]: z.string().min(1),
    /**
     * `aws` (SNS for SMS, SES for email), `cn` (the China regions: Tencent Cloud SMS and an SMTP relay — its settings
     * are read by provider.ts, in the functions that send) or `local` (the local runtime's outbox).
     */
    MESSAGE_PROVIDER: z.enum(MESSAGE_PROVIDERS),
    EMAIL_FROM: z.email().optional(),
    SMS_SENDER_ID: z.string().max(11).optional(),
    /** Hours a self-service locker holds a result before it goes back to the window (policy). */
    LOCKER_HOLD_HOURS: policyNumber(72),
    /** Hours an electronic result link stays valid (policy). */
    RESULT_LINK_HOURS: policyNumber(168),
    /** SMS or emails one recipient, and one applicant account, may get per hour (policy; issue 15). */
    SENDS_PER_RECIPIENT_PER_HOUR: policyNumber(DEFAULT_SEND_LIMITS.perRecipientPerHour),
    SENDS_PER_ACCOUNT_PER_HOUR: policyNumber(DEFAULT_SEND_LIMITS.perAccountPerHour),
  }),
);

const table = deliveryEnv.DELIVERY_TABLE;

/** Delivery's ports, built once per process. */
export const deliveryPorts = {
  cases: caseStore(table),
  notifications: notificationStore(table),
  contacts: contactStore(table),
  results: resultStore(table),
  clock,
  ids: ulidIds(clock),
  policy: {
    lockerHoldHours: deliveryEnv.LOCKER_HOLD_HOURS,
    resultLinkHours: deliveryEnv.RESULT_LINK_HOURS,
    sendLimits: {
      perRecipientPerHour: deliveryEnv.SENDS_PER_RECIPIENT_PER_HOUR,
      perAccountPerHour: deliveryEnv.SENDS_PER_ACCOUNT_PER_HOUR,
    },
  },
};

/**
 * What only some handlers use is built where they are: the SMS and email provider (SNS, SES) by the sender, the
 * result-link signer (KMS) by the two handlers that issue and open links — so no other handler bundles and loads
 * those clients.
 */
export type DeliveryPorts = CommonDeliveryPorts & { provider: MessageProvider; links: SealPort };
/** The ports every delivery handler has. */
export type CommonDeliveryPorts = typeof deliveryPorts;
