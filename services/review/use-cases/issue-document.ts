import { businessDate } from "#shared/calendar/time-zone.ts";
import type { TransactItem } from "#shared/aws/dynamo.ts";
import type { ReviewPorts } from "../adapters/ports.ts";
import {
  reviewDocumentBody,
  TITLES,
  type DocumentFacts,
  type ReviewDocument,
  type ReviewDocumentContent,
} from "../domain/documents.ts";
import { canonicalJson, sha256Hex } from "#shared/signing/canonical.ts";
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
): Promise<{ document: ReviewDocument; items: TransactItem[] }> {
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
  const sha256 = sha256Hex(canonicalJson(content));
  const signed = await ports.seal.sign(Buffer.from(sha256, "hex"));
  const document: ReviewDocument = {
    ...content,
    seal: {
      sealId: `seal:${task.centerId}:${task.departmentId}`,
      sealName: `${departmentName}行政审批专用章`,
      sha256,
      ...signed,
      sealedAt: issuedAt,
    },
  };
  return { document, items: ports.documents.items(document, year, sequence) };
}

/** Whether a stored document is intact (its content still hashes to the sealed value) and the signature holds. */
export async function verifyDocument(document: ReviewDocument, ports: Pick<ReviewPorts, "seal">) {
  const { seal, ...content } = document;
  const sha256 = sha256Hex(canonicalJson(content));
  const intact = sha256 === seal.sha256;
  const signatureValid = await ports.seal.verify(Buffer.from(seal.sha256, "hex"), {
    keyId: seal.keyId,
    algorithm: seal.algorithm,
    signature: seal.signature,
  });
  return { intact, signatureValid, sha256, seal };
}
