import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InvalidTransitionError, RuleViolationError } from "#shared/errors.ts";
import { toProblem } from "#shared/http/problem.ts";
import { ed25519SealPort } from "#shared/signing/signing-port.ts";
import {
  beijingDateTime,
  checkMethodOffered,
  chooseCommand,
  codesMatch,
  decodeLinkToken,
  DELIVERY_COMMANDS,
  DELIVERY_METHODS,
  DELIVERY_STATES,
  deliveryIdOf,
  eLicenseNumber,
  encodeLinkPayload,
  identityCheckSchema,
  instructions,
  linkExpired,
  linkExpiry,
  maskAddress,
  maskHolder,
  nextDeliveryState,
  pickupCode,
  readyAtOf,
  ResultLinkExpiredError,
  ResultLinkInvalidError,
  signResultLink,
  transitions,
  validateMailAddress,
  verifyResultLink,
  wrongCode,
  type DeliveryCommand,
  type DeliveryState,
  type ResultDelivery,
  type ResultLinkPayload,
} from "./results.ts";

describe("the delivery state machine (art. 32)", () => {
  const allowed = (state: DeliveryState) =>
    transitions[state] as Partial<Record<DeliveryCommand, DeliveryState>>;

  it.each(DELIVERY_STATES.flatMap((s) => DELIVERY_COMMANDS.map((c) => [s, c] as const)))(
    "%s + %s: moves as the table says, or is refused with InvalidTransitionError",
    (state, command) => {
      const target = allowed(state)[command];
      if (target) {
        expect(nextDeliveryState(state, command)).toBe(target);
      } else {
        expect(() => nextDeliveryState(state, command)).toThrow(InvalidTransitionError);
        try {
          nextDeliveryState(state, command);
        } catch (error) {
          expect(toProblem(error)).toMatchObject({ status: 409, state, command });
        }
      }
    },
  );

  it("lets the method change until the result is handed over or dispatched, never after", () => {
    const changeable = DELIVERY_STATES.filter((s) =>
      DELIVERY_METHODS.every((m) => allowed(s)[chooseCommand[m]] !== undefined),
    );
    expect(changeable).toEqual([
      "awaitingChoice",
      "readyForPickup",
      "inLocker",
      "awaitingDispatch",
      "returned",
    ]);
    for (const m of DELIVERY_METHODS) {
      expect(() => nextDeliveryState("dispatched", chooseCommand[m])).toThrow(InvalidTransitionError);
      expect(() => nextDeliveryState("completed", chooseCommand[m])).toThrow(InvalidTransitionError);
    }
  });

  it("completes each method by its own act, and an electronic push at once", () => {
    expect(nextDeliveryState("awaitingChoice", "pushElectronic")).toBe("completed");
    expect(nextDeliveryState("readyForPickup", "handOver")).toBe("completed");
    expect(nextDeliveryState("inLocker", "pickUpFromLocker")).toBe("completed");
    expect(nextDeliveryState("awaitingDispatch", "dispatch")).toBe("dispatched");
    expect(nextDeliveryState("dispatched", "recordDelivered")).toBe("completed");
    expect(nextDeliveryState("dispatched", "recordReturned")).toBe("returned");
    expect(nextDeliveryState("returned", "chooseMail")).toBe("awaitingDispatch");
  });

  it("has a final state that allows nothing, reachable from every other state", () => {
    expect(Object.keys(transitions.completed)).toEqual([]);
    const reaches = (from: DeliveryState, seen = new Set<DeliveryState>()): boolean => {
      if (from === "completed") return true;
      seen.add(from);
      return Object.values(allowed(from)).some((to) => !seen.has(to!) && reaches(to!, seen));
    };
    for (const s of DELIVERY_STATES) expect(reaches(s), s).toBe(true);
  });
});

describe("method rules", () => {
  it("accepts a method the guide offers", () => {
    expect(() => checkMethodOffered("window", ["window", "electronic"])).not.toThrow();
  });

  it("refuses another with 422 naming `method`", () => {
    try {
      checkMethodOffered("mail", ["window", "electronic"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(toProblem(error)).toMatchObject({
        status: 422,
        rule: "method-not-offered",
        offered: ["window", "electronic"],
        errors: [{ path: ["method"] }],
      });
    }
  });

  it("requires the agent's name when collecting with an authorization letter", () => {
    expect(identityCheckSchema.safeParse({ method: "idCard" }).success).toBe(true);
    const letter = identityCheckSchema.safeParse({ method: "authorizationLetter" });
    expect(letter.success).toBe(false);
    expect(letter.error!.issues[0]!.path).toEqual(["note"]);
    expect(identityCheckSchema.safeParse({ method: "authorizationLetter", note: "代领人张三" }).success).toBe(
      true,
    );
  });

  it("names the field of a wrong code (422) and the tries left", () => {
    expect(toProblem(wrongCode("pickupCode", 4))).toMatchObject({
      status: 422,
      triesLeft: 4,
      errors: [{ path: ["pickupCode"] }],
    });
    expect(toProblem(wrongCode("code", 1))).toMatchObject({ status: 422, errors: [{ path: ["code"] }] });
  });

  it("derives one delivery id per application, and numbers e-licenses per year", () => {
    expect(deliveryIdOf("app_01JABCDEFGHJKMNPQRSTVWXYZ0")).toBe("dlv_01JABCDEFGHJKMNPQRSTVWXYZ0");
    expect(eLicenseNumber(2026, 42)).toBe("BJEL-2026-00000042");
  });
});

describe("mailing addresses", () => {
  const good = {
    recipient: "王小明",
    phone: "13912345678",
    province: "北京市",
    city: "北京市",
    district: "海淀区",
    street: "中关村大街27号1号楼101室",
    postcode: "100080",
  };

  it("accepts a complete mainland address, trimmed", () => {
    const { address, issues } = validateMailAddress({ ...good, recipient: " 王小明 " });
    expect(issues).toEqual([]);
    expect(address).toEqual(good);
  });

  it("names every bad field at once, under `address`", () => {
    const { issues } = validateMailAddress({
      recipient: "",
      phone: "12912345678",
      province: "北京市",
      city: "",
      district: "海淀区",
      street: "中关村",
      postcode: "10008",
    });
    expect(issues.map((i) => i.path)).toEqual([
      ["address", "recipient"],
      ["address", "phone"],
      ["address", "city"],
      ["address", "street"],
      ["address", "postcode"],
    ]);
  });

  it.each([
    ["a landline", "01062345678"],
    ["a short number", "1391234567"],
    ["a number with a country code", "+8613912345678"],
    ["a 12 prefix", "12012345678"],
  ])("refuses %s as the recipient's phone", (_, phone) => {
    expect(validateMailAddress({ ...good, phone }).issues.map((i) => i.path)).toEqual([["address", "phone"]]);
  });

  it.each(["1000800", "10008a", "ABCDEF"])("refuses the postcode %s", (postcode) => {
    expect(validateMailAddress({ ...good, postcode }).issues.map((i) => i.path)).toEqual([
      ["address", "postcode"],
    ]);
  });

  it("reports missing fields, and can report under another path", () => {
    const { issues } = validateMailAddress({ recipient: "王小明" }, ["body", "address"]);
    expect(issues.map((i) => i.path.join("."))).toEqual([
      "body.address.phone",
      "body.address.province",
      "body.address.city",
      "body.address.district",
      "body.address.street",
      "body.address.postcode",
    ]);
  });

  it("masks name, phone and street for lists, keeping the region", () => {
    expect(maskAddress(good)).toEqual({
      ...good,
      recipient: "王*明",
      phone: "139****5678",
      street: "中关村****",
    });
    expect(maskAddress({ ...good, recipient: "李华" }).recipient).toBe("李*");
  });

  it("masks a resident ID holder but not an organisation's credit code", () => {
    expect(maskHolder("11010519491231002X")).toBe("110105********002X");
    expect(maskHolder("91330100799655058B")).toBe("91330100799655058B");
  });
});

describe("pickup and locker codes", () => {
  it("are 6 random digits, leading zeros kept", () => {
    const codes = Array.from({ length: 2000 }, () => pickupCode());
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    // Every digit appears in the first place: the codes cover 000000–999999, not 100000–999999.
    expect(new Set(codes.map((c) => c[0])).size).toBe(10);
  });

  it("match only the issued code", () => {
    expect(codesMatch("012345", "012345")).toBe(true);
    expect(codesMatch("012345", "012346")).toBe(false);
    expect(codesMatch("012345", "12345")).toBe(false);
    expect(codesMatch("012345", "")).toBe(false);
  });
});

describe("applicant instructions", () => {
  it("say where, with what, and until when, in Beijing time", () => {
    expect(instructions.window("123456", "北京市海淀区政务服务中心")).toBe(
      "请凭取件码123456到北京市海淀区政务服务中心领取",
    );
    expect(
      instructions.locker({
        lockerId: "HD-A01",
        compartment: 12,
        code: "654321",
        expiresAt: "2026-12-01T06:05:00Z",
      }),
    ).toBe("请于2026年12月1日14:05前在自助柜HD-A01的12号格口凭取件码654321领取");
    expect(instructions.electronic("/v1/results/abc.def", 168)).toBe(
      "电子结果已推送，链接7日内有效：/v1/results/abc.def",
    );
    expect(instructions.electronic("/v1/results/abc.def", 36)).toContain("36小时内有效");
    expect(instructions.mail("EMS", "1188776655443")).toBe("已通过EMS寄出，运单号1188776655443");
  });

  it("dates across midnight in Beijing", () => {
    expect(beijingDateTime("2026-12-31T16:30:00Z")).toBe("2027年1月1日00:30");
  });
});

describe("result link tokens", () => {
  const keys = () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    return {
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
  };
  const pair = keys();
  const port = ed25519SealPort(pair);
  const issuedAt = new Date("2026-11-25T02:00:00Z");
  const payload: ResultLinkPayload = {
    v: 1,
    app: "app_01JABCDEFGHJKMNPQRSTVWXYZ0",
    jti: "rlk_01JABCDEFGHJKMNPQRSTVWXYZ1",
    exp: linkExpiry(issuedAt, 168),
  };

  it("encodes the canonical payload, signed; decodes and verifies back to it", async () => {
    // Act
    const signed = await signResultLink(payload, port);
    // Assert
    const [encoded, signature] = signed.token.split(".");
    expect(signed.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(encoded!, "base64url").toString()).toBe(
      '{"app":"app_01JABCDEFGHJKMNPQRSTVWXYZ0","exp":1796176800,"jti":"rlk_01JABCDEFGHJKMNPQRSTVWXYZ1","v":1}',
    );
    expect(encoded).toBe(encodeLinkPayload(payload));
    expect(Buffer.from(signature!, "base64url")).toHaveLength(64);
    expect(signed).toMatchObject({ algorithm: "Ed25519", keyId: expect.stringMatching(/^local:ed25519:/) });
    expect(decodeLinkToken(signed.token)?.payload).toEqual(payload);
    expect(await verifyResultLink(signed.token, port, signed)).toEqual(payload);
  });

  it("verifies with the public key alone", async () => {
    const signed = await signResultLink(payload, port);
    const verifier = ed25519SealPort({ publicKey: pair.publicKey });
    expect(await verifyResultLink(signed.token, verifier, signed)).toEqual(payload);
  });

  it("refuses a token whose payload was altered (another case, a later expiry)", async () => {
    const signed = await signResultLink(payload, port);
    const [, signature] = signed.token.split(".");
    for (const altered of [
      { ...payload, app: "app_01JABCDEFGHJKMNPQRSTVWXYZ9" },
      { ...payload, exp: payload.exp + 86_400 },
    ]) {
      const forged = `${encodeLinkPayload(altered)}.${signature}`;
      expect(decodeLinkToken(forged)?.payload).toEqual(altered);
      expect(await verifyResultLink(forged, port, signed)).toBeUndefined();
    }
  });

  it("refuses a signature with one bit flipped, or made with another key", async () => {
    const signed = await signResultLink(payload, port);
    const [encoded, signature] = signed.token.split(".") as [string, string];
    const bytes = Buffer.from(signature, "base64url");
    bytes[7] = bytes[7]! ^ 0x01;
    expect(await verifyResultLink(`${encoded}.${bytes.toString("base64url")}`, port, signed)).toBeUndefined();
    const other = await signResultLink(payload, ed25519SealPort(keys()));
    expect(await verifyResultLink(other.token, port, signed)).toBeUndefined();
    expect(await verifyResultLink(other.token, port, other)).toBeUndefined();
  });

  it("never takes the key from the token's signer record: a wrong key id or algorithm is refused", async () => {
    const signed = await signResultLink(payload, port);
    expect(
      await verifyResultLink(signed.token, port, { ...signed, keyId: "local:ed25519:00" }),
    ).toBeUndefined();
    expect(
      await verifyResultLink(signed.token, port, { ...signed, algorithm: "ECDSA_SHA_256" }),
    ).toBeUndefined();
  });

  it.each([
    ["empty", ""],
    ["one part", "abc"],
    ["three parts", "a.b.c"],
    ["padding", "e30=.AAAA"],
    ["not JSON", `${Buffer.from("nope").toString("base64url")}.AAAA`],
    ["an unknown member", `${Buffer.from('{"app":"x","evil":1}').toString("base64url")}.AAAA`],
  ])("does not decode a malformed token (%s)", (_, token) => {
    expect(decodeLinkToken(token)).toBeUndefined();
  });

  it("does not decode a non-canonical spelling of a valid payload (whitespace, member order)", () => {
    const spaced = Buffer.from(JSON.stringify(payload, null, 1)).toString("base64url");
    const reordered = Buffer.from(
      JSON.stringify({ v: 1, exp: payload.exp, jti: payload.jti, app: payload.app }),
    ).toString("base64url");
    expect(decodeLinkToken(`${spaced}.AAAA`)).toBeUndefined();
    expect(decodeLinkToken(`${reordered}.AAAA`)).toBeUndefined();
  });

  it("is valid strictly before its expiry, on the clock it is given", () => {
    const exp = linkExpiry(issuedAt, 168);
    expect(exp * 1000 - issuedAt.getTime()).toBe(168 * 3_600_000);
    expect(linkExpired({ exp }, issuedAt)).toBe(false);
    expect(linkExpired({ exp }, new Date(exp * 1000 - 1))).toBe(false);
    expect(linkExpired({ exp }, new Date(exp * 1000))).toBe(true);
    expect(linkExpired({ exp }, new Date(exp * 1000 + 3_600_000))).toBe(true);
  });

  it("answers 403 problems that tell an invalid link from an expired one", () => {
    expect(toProblem(new ResultLinkInvalidError())).toMatchObject({
      status: 403,
      type: "urn:govservice:problem:result-link-invalid",
    });
    expect(toProblem(new ResultLinkExpiredError("2026-12-02T02:00:00.000Z"))).toMatchObject({
      status: 403,
      type: "urn:govservice:problem:result-link-expired",
      expiredAt: "2026-12-02T02:00:00.000Z",
    });
  });
});

describe("when a delivery's result was made ready (delivery.completed carries it, so monitoring needs only the notice)", () => {
  it("is the completing method's own notice: code issued, locker loaded, link pushed, parcel dispatched", () => {
    // Arrange: a delivery that was sent by mail, came back, and was then taken at the window
    const at = (h: number) => `2026-12-05T0${h}:00:00.000Z`;
    const d = {
      mail: { address: {} as never, dispatchedAt: at(1), outcome: "returned" as const, outcomeAt: at(2) },
      window: { pickupCode: "123456", issuedAt: at(3) },
    } as Partial<ResultDelivery> as ResultDelivery;
    // Act / Assert
    expect(readyAtOf(d, "window")).toBe(at(3));
    expect(readyAtOf(d, "mail")).toBe(at(1));
    expect(readyAtOf(d, "locker")).toBeUndefined();
    expect(readyAtOf(d, "electronic")).toBeUndefined();
  });
});
