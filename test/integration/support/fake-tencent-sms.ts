import { createHash, createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small stand-in for Tencent Cloud SMS's `SendSms` (API 3.0) on a local port, for the `cn` provider's tests
 * (issue 23). It checks what the real service checks before it sends: the TC3-HMAC-SHA256 signature — recomputed here
 * from the request as received and the headers it names, not with the adapter's code — the credential's date and
 * service, the timestamp's freshness, the application, signature name and template, and the number; and it answers
 * in the service's shape: `SendStatusSet` per number, or `Response.Error`.
 */
export interface FakeSmsAccount {
  secretId: string;
  secretKey: string;
  appId: string;
  signName: string;
  /** Approved template ids → how many parameters each takes. */
  templates: Record<string, number>;
}

export interface ReceivedSms {
  action: string;
  region: string;
  phone: string;
  templateId: string;
  params: string[];
  sessionContext: string;
}

/** What the next request gets instead of the normal answer: throttling, an outage. */
export type ScriptedAnswer = { error: string } | { http: number };

const sha256 = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** Recompute the request's signature the way the documentation describes; the reason it is wrong, or undefined. */
function signatureProblem(req: IncomingMessage, body: string, account: FakeSmsAccount): string | undefined {
  const auth =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/(\w+)\/tc3_request, SignedHeaders=([\w;-]+), Signature=([0-9a-f]{64})$/.exec(
      req.headers.authorization ?? "",
    );
  if (!auth) return "AuthFailure.InvalidAuthorization";
  const [, secretId, date, service, signedHeaders, signature] = auth;
  if (secretId !== account.secretId) return "AuthFailure.SecretIdNotFound";
  const timestamp = Number(req.headers["x-tc-timestamp"]);
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300)
    return "AuthFailure.SignatureExpire";
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date || service !== "sms")
    return "AuthFailure.SignatureFailure";
  const names = signedHeaders!.split(";");
  if (!names.includes("content-type") || !names.includes("host")) return "AuthFailure.SignatureFailure";
  // Each signed header as received, its name and value lower-cased and trimmed (the documentation's rule).
  const canonicalHeaders = names.map(
    (name) =>
      `${name}:${String(req.headers[name] ?? "")
        .trim()
        .toLowerCase()}\n`,
  );
  const canonical = ["POST", "/", "", canonicalHeaders.join(""), signedHeaders, sha256(body)].join("\n");
  const toSign = [
    "TC3-HMAC-SHA256",
    String(timestamp),
    `${date}/${service}/tc3_request`,
    sha256(canonical),
  ].join("\n");
  const key = hmac(hmac(hmac(`TC3${account.secretKey}`, date!), service!), "tc3_request");
  const expected = createHmac("sha256", key).update(toSign, "utf8").digest("hex");
  return expected === signature ? undefined : "AuthFailure.SignatureFailure";
}

export async function startFakeTencentSms(account: FakeSmsAccount) {
  const received: ReceivedSms[] = [];
  const script: ScriptedAnswer[] = [];
  const refusals: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const requestId = randomUUID();
      const answer = (response: object, status = 200) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ Response: { ...response, RequestId: requestId } }));
      };
      const error = (code: string) => {
        refusals.push(code);
        answer({ Error: { Code: code, Message: code } });
      };
      const problem = signatureProblem(req, body, account);
      if (problem) return error(problem);
      const scripted = script.shift();
      if (scripted && "http" in scripted) {
        res.writeHead(scripted.http).end("upstream unavailable");
        return;
      }
      if (scripted) return error(scripted.error);
      const action = String(req.headers["x-tc-action"]);
      if (action !== "SendSms" || req.headers["x-tc-version"] !== "2021-01-11") return error("InvalidAction");
      const input = JSON.parse(body) as {
        PhoneNumberSet: string[];
        SmsSdkAppId: string;
        SignName: string;
        TemplateId: string;
        TemplateParamSet: string[];
        SessionContext: string;
      };
      if (input.SmsSdkAppId !== account.appId) return error("InvalidParameterValue.SdkAppIdNotExist");
      if (input.SignName !== account.signName) return error("FailedOperation.SignatureIncorrectOrUnapproved");
      if (account.templates[input.TemplateId] === undefined)
        return error("FailedOperation.TemplateUnapprovedOrNotExist");
      if (input.TemplateParamSet.length !== account.templates[input.TemplateId])
        return error("InvalidParameterValue.TemplateParameterFormatError");
      const phone = input.PhoneNumberSet[0] ?? "";
      received.push({
        action,
        region: String(req.headers["x-tc-region"]),
        phone,
        templateId: input.TemplateId,
        params: input.TemplateParamSet,
        sessionContext: input.SessionContext,
      });
      // A number the service cannot send to is reported per number, not as a request error.
      const valid = /^\+861[3-9]\d{9}$/.test(phone);
      if (!valid) refusals.push("InvalidParameterValue.IncorrectPhoneNumber");
      answer({
        SendStatusSet: [
          {
            SerialNo: valid ? `2028:${requestId}` : "",
            PhoneNumber: phone,
            Fee: valid ? 1 : 0,
            SessionContext: input.SessionContext,
            Code: valid ? "Ok" : "InvalidParameterValue.IncorrectPhoneNumber",
            Message: valid ? "send success" : "incorrect number format",
            IsoCode: "CN",
          },
        ],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Messages accepted (well signed, approved template). */
    received,
    /** Error codes answered, in order. */
    refusals,
    /** The next requests' answers, in order (after the signature is checked). */
    answerNext: (...answers: ScriptedAnswer[]) => script.push(...answers),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
