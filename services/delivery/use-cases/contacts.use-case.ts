import type { Principal } from "#shared/auth/principal.ts";
import { RuleViolationError } from "#shared/errors.ts";
import type { DeliveryPorts } from "../adapters/ports.ts";
import { checkCode, CODE_MINUTES, MAX_WRONG, newCode, type ContactInput } from "../domain/contacts.ts";
import { notifyContact } from "./notify.use-case.ts";

type Ports = Pick<DeliveryPorts, "contacts" | "notifications" | "clock" | "ids">;

/** Codes an account may ask for in an hour (each also counts against the recipient's send limit). */
const CODES_PER_ACCOUNT_PER_HOUR = 5;

/**
 * Send a one-time code to a phone or an email address the signed-in applicant wants their messages at (issue 15).
 * The code is stored hashed and sent through the outgoing messages (locally: the outbox shows it); it never appears
 * in any list. At most five codes an hour per account, and the recipient's own send limit applies.
 */
export async function requestContactCode(input: ContactInput, principal: Principal, ports: Ports) {
  const now = ports.clock.now();
  const hour = now.toISOString().slice(0, 13);
  const verificationId = ports.ids.next("cvr");
  const allowed = await ports.notifications.takeSendSlot(
    [{ key: `codes#${principal.sub}`, limit: CODES_PER_ACCOUNT_PER_HOUR }],
    hour,
    Math.floor(now.getTime() / 1000) + 2 * 3600,
    verificationId,
  );
  if (!allowed)
    throw new RuleViolationError("too-many-codes", "Too many codes asked for this hour: try again later.", [
      { path: ["to"], message: "too many codes this hour" },
    ]);
  const { code, codeSha256 } = newCode();
  const expiresAt = new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString();
  await ports.contacts.startVerification(
    principal.sub,
    { channel: input.channel, to: input.to, codeSha256, expiresAt, wrong: 0 },
    Math.floor(Date.parse(expiresAt) / 1000) + 3600,
  );
  await notifyContact(
    input.channel,
    input.to,
    "contact.verification-code",
    { code, minutes: CODE_MINUTES, itemName: "联系方式验证", centerName: "北京政务服务" },
    { id: verificationId, correlationId: verificationId },
    ports,
  );
  return { channel: input.channel, to: input.to, expiresAt };
}

/** The code entered back: the contact becomes the account's (replacing the previous one of its channel). */
export async function confirmContact(
  input: ContactInput & { code: string },
  principal: Principal,
  ports: Ports,
) {
  const now = ports.clock.now();
  const pending = await ports.contacts.pending(principal.sub, input.channel, input.to);
  if (!checkCode(pending, input.code, now)) {
    await ports.contacts.countWrong(principal.sub, input.channel, input.to);
    const left = MAX_WRONG - (pending!.wrong + 1);
    throw new RuleViolationError(
      "code-mismatch",
      `The code does not match; ${left} more ${left === 1 ? "try" : "tries"}.`,
      [{ path: ["code"], message: "does not match the code sent" }],
      { triesLeft: left },
    );
  }
  await ports.contacts.confirm(principal.sub, input.channel, input.to, now.toISOString());
  return myContacts(principal, ports);
}

/** The signed-in applicant's verified contacts. */
export function myContacts(principal: Principal, ports: Pick<Ports, "contacts">) {
  return ports.contacts.verified(principal.sub);
}
