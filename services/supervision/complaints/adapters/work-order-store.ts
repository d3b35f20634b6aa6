import { fromRecord } from "#shared/aws/records.ts";
import {
  getItem,
  isTransactionConflict,
  putNew,
  putVersioned,
  retrying,
  transactWrite,
  type TransactItem,
} from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { WorkOrder, WorkOrderState } from "../domain/work-order.ts";

/**
 * Work orders (hotline and in-center complaints):
 *   wo#<id> / wo                              the work order (versioned)
 *   wo#<id> / evt#<eventId>                   its events: outbox and history
 *   orderNo#<orderNo> / orderNo               the hotline's number, claimed once with its body's hash: a redelivery finds
 *                                             the first answer; the same number with another body is a 409
 *   hotlineFollowUp#<orderNo>#<followUpId> / claim   a follow-up result the hotline sent, applied once
 * Indexes:
 *   gsi4 workOrdersByUnit      wo#<centerId> | wo#unassigned  /  <receivedAt>#<id>
 *   gsi5 ratesByCenterMonth    rates#<centerId>#<YYYY-MM>     /  wo#<id>   (the rates read one center-month)
 */
const pk = (id: string) => `wo#${id}`;

function record(order: WorkOrder) {
  const centerId = order.unit?.centerId;
  return {
    pk: pk(order.id),
    sk: "wo",
    entity: "workOrder",
    ...order,
    gsi4pk: `wo#${centerId ?? "unassigned"}`,
    gsi4sk: `${order.receivedAt}#${order.id}`,
    ...(centerId ? { gsi5pk: `rates#${centerId}#${order.month}`, gsi5sk: `wo#${order.id}` } : {}),
  };
}

export interface ReceivedAnswer {
  workOrderId: string;
  orderNo: string;
  receivedAt: string;
  /** False when this was a redelivery of an order already received. */
  created: boolean;
}

export function workOrderStore(tableName: string) {
  const events = (order: WorkOrder, list: Envelope[]): TransactItem[] =>
    list.map((e) => ({ Put: { TableName: tableName, Item: eventItem(e, pk(order.id)) } }));

  return {
    async get(id: string): Promise<WorkOrder | undefined> {
      const item = await getItem(tableName, { pk: pk(id), sk: "wo" });
      return item && fromRecord<WorkOrder>(item);
    },

    /**
     * Store a new order with its event, claiming its number. Parallel redeliveries race on the claim: exactly one
     * transaction wins; the others (refused by the condition, or by a conflict that retries into the condition)
     * return the winner's answer.
     */
    async receive(order: WorkOrder, list: Envelope[], bodySha256?: string): Promise<ReceivedAnswer> {
      const claim = {
        pk: `orderNo#${order.orderNo}`,
        sk: "orderNo",
        entity: "orderNoClaim",
        workOrderId: order.id,
        orderNo: order.orderNo,
        receivedAt: order.receivedAt,
        ...(bodySha256 ? { bodySha256 } : {}),
      };
      const claimed = await retrying(
        () =>
          transactWrite(
            [putNew(tableName, claim), putNew(tableName, record(order)), ...events(order, list)],
            () => new ConflictError("already received"),
          ).then(() => true),
        (e) => isTransactionConflict(e),
      ).catch((error: unknown) => {
        if (error instanceof ConflictError) return false;
        throw error;
      });
      if (claimed)
        return { workOrderId: order.id, orderNo: order.orderNo, receivedAt: order.receivedAt, created: true };
      const first = (await getItem(tableName, { pk: claim.pk, sk: claim.sk }))!;
      // The same number with another body is not a redelivery: refused with both hashes, never dropped silently.
      if (bodySha256 && first.bodySha256 && first.bodySha256 !== bodySha256)
        throw new ConflictError(
          `Work order ${order.orderNo} was received with another body; a correction is a new order or a follow-up.`,
          { orderNo: order.orderNo, firstSha256: first.bodySha256, thisSha256: bodySha256 },
        );
      return {
        workOrderId: first.workOrderId as string,
        orderNo: first.orderNo as string,
        receivedAt: first.receivedAt as string,
        created: false,
      };
    },

    /**
     * The claim of a follow-up result the hotline sent (`hotlineFollowUp#<orderNo>#<followUpId>`), written with the
     * change it makes: a redelivery finds it and changes nothing.
     */
    followUpClaim: (orderNo: string, followUpId: string): TransactItem =>
      putNew(tableName, {
        pk: `hotlineFollowUp#${orderNo}#${followUpId}`,
        sk: "claim",
        entity: "hotlineFollowUpClaim",
      }),
    async hasFollowUp(orderNo: string, followUpId: string): Promise<boolean> {
      return (
        (await getItem(tableName, { pk: `hotlineFollowUp#${orderNo}#${followUpId}`, sk: "claim" })) !==
        undefined
      );
    },
    /** The work order the hotline knows by `orderNo`. */
    async byOrderNo(orderNo: string): Promise<WorkOrder | undefined> {
      const claim = await getItem(tableName, { pk: `orderNo#${orderNo}`, sk: "orderNo" });
      if (!claim) return undefined;
      const item = await getItem(tableName, { pk: pk(claim.workOrderId as string), sk: "wo" });
      return item && fromRecord<WorkOrder>(item);
    },

    /** Save a change made from the version read (409 if someone changed it meanwhile), with its events. */
    async save(order: WorkOrder, list: Envelope[], extra: TransactItem[] = []): Promise<void> {
      await transactWrite(
        [putVersioned(tableName, record(order)), ...events(order, list), ...extra],
        () => new ConflictError("The work order changed meanwhile; read it again."),
      );
    },

    list(
      centerId: string | undefined,
      filter: { state?: WorkOrderState; kind?: string; origin?: string },
      page: { cursor?: string; limit: number },
    ): Promise<Page<WorkOrder>> {
      const conditions = Object.entries(filter).filter(([, v]) => v !== undefined);
      return queryPage(
        {
          TableName: tableName,
          IndexName: "gsi4",
          KeyConditionExpression: "gsi4pk = :pk",
          ...(conditions.length
            ? {
                FilterExpression: conditions.map(([k]) => `#${k} = :${k}`).join(" AND "),
                ExpressionAttributeNames: Object.fromEntries(conditions.map(([k]) => [`#${k}`, k])),
              }
            : {}),
          ExpressionAttributeValues: {
            ":pk": `wo#${centerId ?? "unassigned"}`,
            ...Object.fromEntries(conditions.map(([k, v]) => [`:${k}`, v])),
          },
          ScanIndexForward: false,
        },
        page,
        ["pk", "sk", "gsi4pk", "gsi4sk"],
        (item) => fromRecord<WorkOrder>(item),
      );
    },
  };
}
