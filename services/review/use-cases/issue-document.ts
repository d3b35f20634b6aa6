import { businessDate } from "#shared/calendar/time-zone.ts";
import type { TransactItem } from "#shared/aws/dynamo.ts";
import type { BodyIn } from "../adapters/document-store.ts";
import type { ReviewPorts } from "../adapters/ports.ts";
import {
  reviewDocumentBody,
  TITLES,
  type DocumentFacts,
  type ReviewDocument,
  type ReviewDocumentContent,
} from "../domain/documents.ts";
import { sealDocument } from "#shared/signing/sealed-document.ts";
import type { ReviewTask } from "../domain/task.ts";

type Ports = Pick<ReviewPorts, "documents" | "reference" | "seal" | "clock" | "ids">;

/**
 * Compose, number and seal a review document (art. 29: under the department's approval seal). The seal record holds
 * the seal, the SHA-256 of the canonical document and the signature. The caller writes the returned items in the
 * transaction of the act the document records; a number taken meanwhile means composing again.
 */
export async function issueDocument(
  task: ReviewTask,
  facts: DocumentFacts,
  issuedBy: string,
  ports: Ports,
): Promise<{
  document: ReviewDocument;
  items: TransactItem[];
  /** The same items, leaving the body to the event item written with them under `bodyIn` (document-store.ts). */
  itemsWithBodyIn: (bodyIn: BodyIn) => TransactItem[];
}> {
  const department = await ports.reference.department(task.departmentId);
  const departmentName = department?.name ?? task.departmentId;
  const issuedAt = ports.clock.now().toISOString();
  const year = Number(businessDate(new Date(issuedAt)).slice(0, 4));
  const sequence = (await ports.documents.lastNumber(task.centerId, year)) + 1;
  const content: ReviewDocumentContent = {
    id: ports.ids.next("rdoc"),
    kind: facts.kind,
    applicationId: task.applicationId,
    centerId: task.centerId,
    departmentId: task.departmentId,
    number: `${year}-R${String(sequence).padStart(6, "0")}`,
    title: TITLES[facts.kind],
    body: reviewDocumentBody(task, facts, departmentName),
    issuedAt,
    issuedBy,
  };
  const document: ReviewDocument = await sealDocument(
    content,
    {
      sealId: `seal:${task.centerId}:${task.departmentId}`,
      sealName: `${departmentName}行政审批专用章`,
      sealedAt: issuedAt,
    },
    ports.seal,
  );
  return {
    document,
    items: ports.documents.items(document, year, sequence),
    itemsWithBodyIn: (bodyIn) => ports.documents.items(document, year, sequence, bodyIn),
  };
}
