import * as z from "zod";
import { clock } from "#shared/clock.ts";
import { parseEnv, policyNumber } from "#shared/config/env.ts";
import { ulidIds } from "#shared/ids.ts";
import { tableEnv } from "#shared/manifest/naming.ts";
import { signingPortFrom } from "#shared/signing/signing-port.ts";
import { caseStore } from "./case-store.ts";
import { messageProviderFrom } from "./message-provider.ts";
import { notificationStore } from "./notification-store.ts";
import { resultStore } from "./result-store.ts";

export const deliveryEnv = parseEnv(
  z.object({
    [tableEnv("delivery")]: z.string().min(1),
    /** `aws` (SNS for SMS, SES for email) or `local` (the local runtime's outbox). */
    MESSAGE_PROVIDER: z.enum(["aws", "local"]),
    EMAIL_FROM: z.email().optional(),
    SMS_SENDER_ID: z.string().max(11).optional(),
    /** Hours a self-service locker holds a result before it goes back to the window (policy). */
    LOCKER_HOLD_HOURS: policyNumber(72),
    /** Hours an electronic result link stays valid (policy). */
    RESULT_LINK_HOURS: policyNumber(168),
  }),
);

const table = deliveryEnv.DELIVERY_TABLE;

/** Delivery's ports, built once per process. */
export const deliveryPorts = {
  cases: caseStore(table),
  notifications: notificationStore(table),
  results: resultStore(table),
  provider: messageProviderFrom({
    provider: deliveryEnv.MESSAGE_PROVIDER,
    emailFrom: deliveryEnv.EMAIL_FROM,
    smsSenderId: deliveryEnv.SMS_SENDER_ID,
  }),
  links: signingPortFrom(process.env, "delivery", "links"),
  clock,
  ids: ulidIds(clock),
  policy: {
    lockerHoldHours: deliveryEnv.LOCKER_HOLD_HOURS,
    resultLinkHours: deliveryEnv.RESULT_LINK_HOURS,
  },
};
export type DeliveryPorts = typeof deliveryPorts;
