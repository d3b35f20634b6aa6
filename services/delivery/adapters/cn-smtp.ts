import { randomUUID } from "node:crypto";
import { connect, type TLSSocket } from "node:tls";
import { logger } from "#shared/observability.ts";
import {
  PermanentDeliveryError,
  TemporaryDeliveryError,
  type MessageProvider,
  type OutgoingMessage,
} from "./message-provider.ts";

/**
 * Email in the AWS China regions (issue 23: SES is not offered there) through the operator's SMTP relay — a mail
 * service of the government body or a domestic provider — over implicit TLS (RFC 8314: submission on port 465, TLS
 * from the first byte, so nothing is ever sent in clear and no STARTTLS downgrade is possible).
 *
 * Why a client of our own and not nodemailer: what we send is one plain-text UTF-8 message to one recipient, which is
 * the ~120 lines below (EHLO, AUTH PLAIN or LOGIN, MAIL, RCPT, DATA with a base64 body, QUIT), tested against a real
 * SMTP server (`smtp-server`, nodemailer's author's) in test/integration/cn-messaging.test.ts. nodemailer bundles to
 * about 210 KiB minified, in every function that can send (the sender and the events consumer; issue 21 measures
 * their bundles), for features we do not use (attachments, HTML, pooling, DKIM, OAuth2). Base64 lines never start
 * with a dot, so no dot-stuffing is needed.
 */

export interface SmtpConfig {
  host: string;
  port: number;
  user: string;
  password: () => Promise<string>;
  from: string;
  /** Extra trusted CA (PEM): a relay with a private CA, and the tests' self-signed server. */
  ca?: string;
  timeoutMs?: number;
}

/** An SMTP reply: its code and text. */
interface Reply {
  code: number;
  text: string;
}

/** A reply that refused a command: which step, what code. */
class SmtpRefusal extends Error {
  override name = "SmtpRefusal";
  constructor(
    readonly step: string,
    readonly code: number,
  ) {
    super(`SMTP ${step} refused (${code})`);
  }
}

/** Reads SMTP replies (multi-line `250-…` then `250 …`) off a socket, one at a time. */
function replies(socket: TLSSocket) {
  let buffer = "";
  let lines: string[] = [];
  const ready: Reply[] = [];
  const waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf("\r\n")) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line);
      if (line[3] === "-") continue;
      const reply = { code: Number(line.slice(0, 3)), text: lines.map((l) => l.slice(4)).join("\n") };
      lines = [];
      const waiter = waiting.shift();
      if (waiter) waiter.resolve(reply);
      else ready.push(reply);
    }
  });
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiter of waiting.splice(0)) waiter.reject(failure);
  };
  socket.on("error", fail);
  socket.on("close", () => fail(new Error("connection closed")));
  return (): Promise<Reply> => {
    const reply = ready.shift();
    if (reply) return Promise.resolve(reply);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/**
 * A header value in RFC 2047 encoded words (UTF-8, base64) of at most 39 bytes each: 64 characters a word, so even
 * the first line, after `Subject: `, stays under the 78 of RFC 5322.
 */
function encodedWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let word = "";
  for (const char of text) {
    if (Buffer.byteLength(word + char, "utf8") > 39) {
      words.push(word);
      word = "";
    }
    word += char;
  }
  words.push(word);
  return words.map((w) => `=?UTF-8?B?${base64(w)}?=`).join("\r\n ");
}

/** The message as sent after DATA: headers, a blank line, the body in base64 lines of 76, CRLF everywhere. */
export function mimeMessage(
  message: { from: string; to: string; subject: string; body: string; id: string },
  date: Date,
): string {
  const domain = message.from.split("@")[1] ?? "localhost";
  const body = base64(message.body.replace(/\r?\n/g, "\r\n")).replace(/.{76}/g, "$&\r\n");
  return [
    `From: ${message.from}`,
    `To: ${message.to}`,
    `Subject: ${encodedWords(message.subject)}`,
    `Date: ${date.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${message.id}@${domain}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    body.replace(/\r\n$/, ""),
  ].join("\r\n");
}

/** An address that could carry a command or a header of its own is refused before anything is sent. */
const SAFE_ADDRESS = /^[^\s<>"\\,;:@]+@[^\s<>"\\,;:@]+$/;

/**
 * Where a refusal is final: the recipient refused (RCPT 5xx) or the message refused (after DATA, 5xx). A refusal of
 * our own session — greeting, EHLO, our credentials (535), our sender (MAIL 5xx) — is the relay's or our
 * configuration's, and retried like a 4xx, a timeout or a lost connection: the queue's last attempt sends it to the
 * DLQ, where an operator sees it, rather than dropping every email while a password is wrong.
 */
const FINAL_STEPS = new Set(["RCPT", "message"]);

/** Send one email through the SMTP relay. The reference is the relay's queue id (`queued as …`) where it says one, else the notification's id. */
export function smtpEmail(config: SmtpConfig): MessageProvider["send"] {
  return async (message: OutgoingMessage) => {
    if (!SAFE_ADDRESS.test(message.to)) {
      logger.warn("email refused: not a single plain address", { notificationId: message.notificationId });
      throw new PermanentDeliveryError("InvalidAddress");
    }
    let password: string;
    try {
      password = await config.password();
    } catch (error) {
      throw new TemporaryDeliveryError(`SMTP password unavailable: ${(error as Error).name}`);
    }
    const socket = connect({
      host: config.host,
      port: config.port,
      servername: config.host,
      minVersion: "TLSv1.2",
      ...(config.ca ? { ca: config.ca } : {}),
    });
    socket.setTimeout(config.timeoutMs ?? 15_000, () => socket.destroy(new Error("SMTP timeout")));
    const next = replies(socket);
    const step = async (name: string, command: string | undefined, expected: number[]) => {
      if (command !== undefined) socket.write(`${command}\r\n`);
      const reply = await next();
      if (!expected.includes(reply.code)) throw new SmtpRefusal(name, reply.code);
      return reply;
    };
    try {
      await step("greeting", undefined, [220]);
      const ehlo = await step("EHLO", "EHLO govservice.local", [250]);
      const auth = /^AUTH\b(.*)$/im.exec(ehlo.text)?.[1]?.toUpperCase().split(/\s+/) ?? [];
      if (auth.includes("PLAIN") || !auth.includes("LOGIN")) {
        await step("AUTH", `AUTH PLAIN ${base64(`\0${config.user}\0${password}`)}`, [235]);
      } else {
        await step("AUTH", "AUTH LOGIN", [334]);
        await step("AUTH", base64(config.user), [334]);
        await step("AUTH", base64(password), [235]);
      }
      await step("MAIL", `MAIL FROM:<${config.from}>`, [250]);
      await step("RCPT", `RCPT TO:<${message.to}>`, [250, 251]);
      await step("DATA", "DATA", [354]);
      const mime = mimeMessage(
        {
          from: config.from,
          to: message.to,
          subject: message.subject ?? "",
          body: message.body,
          id: `${message.notificationId}.${randomUUID()}`,
        },
        new Date(),
      );
      const accepted = await step("message", `${mime}\r\n.`, [250]);
      socket.write("QUIT\r\n");
      socket.end();
      return { providerRef: /queued as\s+(\S+)/i.exec(accepted.text)?.[1] ?? message.notificationId };
    } catch (error) {
      socket.destroy();
      if (error instanceof SmtpRefusal && error.code >= 500 && FINAL_STEPS.has(error.step)) {
        logger.warn("email refused by the relay for good", {
          notificationId: message.notificationId,
          step: error.step,
          code: error.code,
        });
        throw new PermanentDeliveryError(error.message);
      }
      throw new TemporaryDeliveryError(
        error instanceof SmtpRefusal ? error.message : `SMTP relay unreachable: ${(error as Error).message}`,
      );
    }
  };
}
