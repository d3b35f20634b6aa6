import { newEvent } from "#shared/events/envelope.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import {
  decodeLinkToken,
  linkExpired,
  maskHolder,
  ResultLinkExpiredError,
  ResultLinkInvalidError,
  verifyResultLink,
} from "../domain/results.ts";
import { resultOpened } from "../contract/result-events.ts";

type Ports = Pick<DeliveryPorts, "results" | "links" | "clock" | "ids">;

/**
 * Open an electronic result (电子文书推送, art. 32) through its link — public: the signed token is the credential.
 * 1. The token must decode, name a delivery whose pushed link it is (`jti`), and carry that link's signature by the
 *    links key (ports.links); anything else — altered, forged, another link — is 403 `result-link-invalid`.
 * 2. A genuine link at or past its `exp` (on the business clock) is 403 `result-link-expired`, with `expiredAt`.
 * 3. Each opening is recorded (`delivery.result-opened` in the delivery's history); the answer is the sealed decision
 *    and, for an approval, the e-license (holder masked: a link can be forwarded), with where to verify the seal.
 */
export async function openResultLink(token: string, correlationId: string, ports: Ports) {
  const decoded = decodeLinkToken(token);
  if (!decoded) throw new ResultLinkInvalidError();
  const delivery = await ports.results.get(decoded.payload.app);
  const link = delivery?.electronic;
  if (!delivery || !link || link.linkId !== decoded.payload.jti) throw new ResultLinkInvalidError();
  const payload = await verifyResultLink(token, ports.links, link);
  if (!payload) throw new ResultLinkInvalidError();
  const now = ports.clock.now();
  if (linkExpired(payload, now)) throw new ResultLinkExpiredError(new Date(payload.exp * 1000).toISOString());

  const openedAt = now.toISOString();
  await ports.results.record(
    delivery.applicationId,
    newEvent(
      resultOpened,
      {
        applicationId: delivery.applicationId,
        centerId: delivery.centerId,
        deliveryId: delivery.id,
        linkId: link.linkId,
        openedAt,
      },
      {
        source: "delivery",
        subject: delivery.applicationId,
        actor: { id: `link:${link.linkId}`, role: "linkHolder" },
        correlationId,
      },
      ports,
    ),
  );
  return {
    applicationId: delivery.applicationId,
    decision: delivery.decision,
    document: delivery.document,
    verify: `/v1/documents/${delivery.document.id}/verify?sha256=${delivery.document.sha256}`,
    ...(delivery.eLicense
      ? { eLicense: { ...delivery.eLicense, holder: maskHolder(delivery.eLicense.holder) } }
      : {}),
    expiresAt: link.expiresAt,
    openedAt,
  };
}
