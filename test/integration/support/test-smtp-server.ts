import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server (`smtp-server`, by nodemailer's author) on a local port with implicit TLS and a certificate made
 * for the test, standing in for the operator's mail relay of the `cn` provider (issue 23). It takes only the account
 * it is given, and refuses recipients the test names: for good (550) or for now (451).
 */
export interface ReceivedEmail {
  from: string;
  to: string[];
  user: string;
  /** The whole message as received after DATA. */
  raw: string;
  headers: Record<string, string>;
  subject: string;
  body: string;
}

/** A self-signed certificate for localhost and 127.0.0.1 (openssl, as CI images have it). */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "smtp-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Decode RFC 2047 encoded words (B and Q), joining adjacent ones as RFC 2047 §6.2 says. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

/** Headers (unfolded) and the text body of a single-part message in base64 or 7/8bit. */
function parse(raw: string) {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = Object.fromEntries(
    head.split("\r\n").map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const content = raw.slice(split + 4).replace(/\r\n$/, "");
  const body =
    headers["content-transfer-encoding"]?.toLowerCase() === "base64"
      ? Buffer.from(content.replace(/\r\n/g, ""), "base64").toString("utf8")
      : content;
  return { headers, subject: decodeWords(headers.subject ?? ""), body };
}

export async function startTestSmtpServer(account: { user: string; password: string }) {
  const { key, cert } = selfSignedCertificate();
  const received: ReceivedEmail[] = [];
  const refuseForGood = new Set<string>();
  const refuseForNow = new Set<string>();
  const server = new SMTPServer({
    secure: true,
    key,
    cert,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === account.user && auth.password === account.password)
        return callback(null, { user: auth.username });
      callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (refuseForGood.has(address.address))
        return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      if (refuseForNow.has(address.address))
        return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: String(session.user),
          raw,
          ...parse(raw),
        });
        callback(null, "Ok: queued as TEST" + received.length);
      });
    },
  });
  // A client that gives up during the handshake (one refusing our certificate) is an error of that connection only:
  // not thrown at the test (the client's own error says what happened).
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: "localhost",
    port,
    /** The certificate to trust (the adapter's `ca`). */
    ca: cert,
    received,
    refuseForGood: (address: string) => refuseForGood.add(address),
    refuseForNow: (address: string) => refuseForNow.add(address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
