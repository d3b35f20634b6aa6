import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  NotAuthorizedException,
  UsernameExistsException,
  UserNotFoundException,
  type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main, maskEmail, temporaryPassword } from "../../scripts/users.ts";

// Cognito has no local emulator in this project: the command's requests are checked against a mocked client — an
// adapter edge case (r23 brief). What the pool does with them is Cognito's; what is asked of it is tested here.
const cognito = mockClient(CognitoIdentityProviderClient);
const cloudFormation = mockClient(CloudFormationClient);

const POOL = "eu-west-1_AbCdEf123";
const CENTER = "ctr_01JSEED0000000000000000001";
const DEPARTMENT = "dep_01JSEED0000000000000000001";

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** `add <username>` in the test pool with an email and the given role, scope and delivery. */
const add = (username: string, email: string, ...rest: string[]) =>
  run("add", username, "--user-pool-id", POOL, "--email", email, ...rest);

beforeEach(() => {
  cognito.reset();
  cloudFormation.reset();
});
afterEach(() => {
  cognito.reset();
  cloudFormation.reset();
});

describe("npm run users -- add", () => {
  it("opens a clerk's account with role and scope, and has Cognito email the invitation", async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { UserStatus: "FORCE_CHANGE_PASSWORD" } });

    const res = await add(
      "wangli",
      "wangli@example.gov.cn",
      "--name",
      "王丽娟",
      "--role",
      "clerk",
      "--center",
      CENTER,
      "--department",
      DEPARTMENT,
      "--invite",
    );

    expect(res).toMatchObject({ code: 0, err: "" });
    const calls = cognito.commandCalls(AdminCreateUserCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: "wangli",
      UserAttributes: [
        { Name: "email", Value: "wangli@example.gov.cn" },
        { Name: "email_verified", Value: "true" },
        { Name: "name", Value: "王丽娟" },
        { Name: "custom:role", Value: "clerk" },
        { Name: "custom:centerId", Value: CENTER },
        { Name: "custom:departmentId", Value: DEPARTMENT },
      ],
      DesiredDeliveryMediums: ["EMAIL"],
    });
    expect(res.out).toContain(`added wangli: clerk, ${CENTER} / ${DEPARTMENT}; FORCE_CHANGE_PASSWORD`);
    expect(res.out).toContain("w*****@example.gov.cn");
    expect(res.out).not.toContain("wangli@example.gov.cn");
  });

  it("with --temporary-password suppresses Cognito's message and prints the password it set, which meets the pool's policy", async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { UserStatus: "FORCE_CHANGE_PASSWORD" } });

    const res = await add(
      "zhaomin",
      "zm@example.gov.cn",
      "--role",
      "admin",
      "--center",
      CENTER,
      "--temporary-password",
    );

    expect(res.code).toBe(0);
    const input = cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input;
    expect(input.MessageAction).toBe("SUPPRESS");
    expect(input.DesiredDeliveryMediums).toBeUndefined();
    expect(input.UserAttributes).not.toContainEqual(expect.objectContaining({ Name: "custom:departmentId" }));
    const password = input.TemporaryPassword!;
    expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z\d]).{12,}$/);
    expect(res.out).toContain(`  ${password}`);
  });

  it("makes a different temporary password each time", () => {
    expect(new Set(Array.from({ length: 50 }, temporaryPassword)).size).toBe(50);
  });

  it.each([
    [["--role", "janitor", "--center", CENTER], /--role "janitor" is not a role: one of applicant, clerk/],
    [["--center", CENTER], /--role is required/],
    [["--role", "clerk"], /--center is required: a clerk acts only inside their center/],
    [["--role", "clerk", "--center", "haidian"], /--center "haidian" is not a center id/],
    [["--role", "clerk", "--center", DEPARTMENT], /is not a center id/],
    [
      ["--role", "approver", "--center", CENTER, "--department", CENTER],
      /--department .* is not a department id/,
    ],
    [["--role", "applicant", "--center", CENTER], /an applicant has none/],
  ])("refuses %j before calling AWS, with exit code 2", async (args, message) => {
    const res = await add("wangli", "w@example.gov.cn", "--invite", ...args);

    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
    expect(cognito.calls()).toHaveLength(0);
    expect(cloudFormation.calls()).toHaveLength(0);
  });

  it.each([
    [["w@example.gov.cn", "--email", "w@example.gov.cn", "--invite"], /not an email address/],
    [["wangli", "--invite"], /--email: the user's email address is required/],
    [["wangli", "--email", "w@example.gov.cn"], /exactly one of --invite .* and --temporary-password/],
    [
      ["wangli", "--email", "w@example.gov.cn", "--invite", "--temporary-password"],
      /exactly one of --invite/,
    ],
  ])("refuses the account %j before calling AWS", async (args, message) => {
    const res = await run("add", ...args, "--user-pool-id", POOL, "--role", "clerk", "--center", CENTER);

    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
    expect(cognito.calls()).toHaveLength(0);
  });

  it("says so when the username is taken, with exit code 1", async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: "User account already exists", $metadata: {} }));

    const res = await add("wangli", "w@example.gov.cn", "--role", "clerk", "--center", CENTER, "--invite");

    expect(res.code).toBe(1);
    expect(res.err).toBe(`A user wangli already exists in ${POOL}: \`npm run users -- list\` shows it.`);
  });

  it("reads the pool from the stack's UserPoolId output and calls Cognito in the pool's region", async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: "GovService",
          CreationTime: new Date(),
          StackStatus: "CREATE_COMPLETE",
          Outputs: [
            { OutputKey: "ApiUrl", OutputValue: "https://abc.execute-api.eu-west-1.amazonaws.com" },
            { OutputKey: "UserPoolId", OutputValue: POOL },
          ],
        },
      ],
    });
    cognito.on(AdminCreateUserCommand).resolves({ User: { UserStatus: "FORCE_CHANGE_PASSWORD" } });

    const res = await run(
      "add",
      "wangli",
      "--stack",
      "GovService",
      "--email",
      "w@example.gov.cn",
      "--role",
      "supervisor",
      "--center",
      CENTER,
      "--invite",
    );

    expect(res.code).toBe(0);
    expect(cloudFormation.commandCalls(DescribeStacksCommand)[0]!.args[0].input).toEqual({
      StackName: "GovService",
    });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input.UserPoolId).toBe(POOL);
    expect(await cognito.commandCalls(AdminCreateUserCommand)[0]!.thisValue.config.region()).toBe(
      "eu-west-1",
    );
  });
});

describe("npm run users -- disable", () => {
  it("disables the account, then signs it out everywhere", async () => {
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});

    const res = await run("disable", "wangli", "--user-pool-id", POOL);

    expect(res.code).toBe(0);
    expect(cognito.calls().map((c) => c.args[0].constructor.name)).toEqual([
      "AdminDisableUserCommand",
      "AdminUserGlobalSignOutCommand",
    ]);
    for (const call of cognito.calls())
      expect(call.args[0].input).toEqual({ UserPoolId: POOL, Username: "wangli" });
    expect(res.out).toMatch(/^disabled wangli: no sign-in or token refresh; signed out everywhere\./);
    expect(res.out).toContain("An ID token already issued is accepted until it expires (at most 1 hour)");
  });

  it("still succeeds when Cognito will not sign out a user it has just disabled", async () => {
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito
      .on(AdminUserGlobalSignOutCommand)
      .rejects(new NotAuthorizedException({ message: "User is disabled.", $metadata: {} }));

    const res = await run("disable", "wangli", "--user-pool-id", POOL);

    expect(res.code).toBe(0);
    expect(res.out).toContain("its access tokens are revoked");
  });

  it("names the missing user, exit code 1, and signs nobody out", async () => {
    cognito
      .on(AdminDisableUserCommand)
      .rejects(new UserNotFoundException({ message: "User does not exist.", $metadata: {} }));

    const res = await run("disable", "nobody", "--user-pool-id", POOL);

    expect(res).toMatchObject({ code: 1, err: `No user nobody in ${POOL}.` });
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(0);
  });
});

describe("npm run users -- list", () => {
  const user = (n: number, extra: Record<string, string> = {}): UserType => ({
    Username: `user${n}`,
    UserStatus: n % 2 ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
    Enabled: n !== 3,
    Attributes: Object.entries({ email: `user${n}@example.gov.cn`, "custom:role": "clerk", ...extra }).map(
      ([Name, Value]) => ({ Name, Value }),
    ),
  });

  it("reads every page and prints each user's role, scope, status and whether enabled, emails masked", async () => {
    cognito
      .on(ListUsersCommand)
      .resolvesOnce({ Users: [user(1, { "custom:centerId": CENTER }), user(2)], PaginationToken: "p2" })
      .resolvesOnce({ Users: [user(3, { "custom:departmentId": DEPARTMENT })], PaginationToken: "p3" })
      .resolvesOnce({ Users: [] });

    const res = await run("list", "--user-pool-id", POOL);

    expect(res.code).toBe(0);
    const inputs = cognito.commandCalls(ListUsersCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.PaginationToken)).toEqual([undefined, "p2", "p3"]);
    expect(inputs[0]).toEqual({
      UserPoolId: POOL,
      Limit: 60,
      AttributesToGet: ["email", "custom:role", "custom:centerId", "custom:departmentId"],
    });
    const lines = res.out.split("\n");
    expect(lines[0]).toMatch(/^username\s+role\s+center\s+department\s+status\s+enabled\s+email$/);
    expect(lines[1]).toMatch(
      new RegExp(`^user1\\s+clerk\\s+${CENTER}\\s+—\\s+CONFIRMED\\s+yes\\s+u\\*{4}@example\\.gov\\.cn$`),
    );
    expect(lines[3]).toMatch(new RegExp(`^user3\\s+clerk\\s+—\\s+${DEPARTMENT}\\s+CONFIRMED\\s+no\\s`));
    expect(lines.at(-1)).toBe(`3 user(s) in ${POOL}`);
    expect(res.out).not.toMatch(/user\d@example/);
  });

  it("shows the addresses with --show-email", async () => {
    cognito.on(ListUsersCommand).resolves({ Users: [user(1)] });

    const res = await run("list", "--user-pool-id", POOL, "--show-email");

    expect(res.out).toContain("user1@example.gov.cn");
  });

  it("masks what it cannot parse as an address rather than print it", () => {
    expect(maskEmail("a@b.cn")).toBe("a***@b.cn");
    expect(maskEmail("not-an-address")).toBe("***");
    expect(maskEmail(undefined)).toBe("—");
  });
});

describe("the pool and the target", () => {
  it("explains that an external provider's users live there (target aws-cn), and calls nothing", async () => {
    const res = await run("list", "--target", "aws-cn");

    expect(res.code).toBe(2);
    expect(res.err).toContain("external OpenID Connect provider");
    expect(res.err).toContain("`oidcClaims`");
    expect(res.err).toContain('docs/deploy.md, "Users and the claim mapping"');
    expect(cognito.calls()).toHaveLength(0);
    expect(cloudFormation.calls()).toHaveLength(0);
  });

  it("explains the same for a stack without a user pool (deployed for aws-cn)", async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: "GovService",
          CreationTime: new Date(),
          StackStatus: "CREATE_COMPLETE",
          Outputs: [{ OutputKey: "ApiUrl", OutputValue: "https://api.example.gov.cn" }],
        },
      ],
    });

    const res = await run("list");

    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /^Stack GovService has no user pool\. This deployment signs staff in through an external/,
    );
    expect(cognito.calls()).toHaveLength(0);
  });

  it("says which stack it could not find", async () => {
    const error = Object.assign(new Error("Stack with id Gov does not exist"), { name: "ValidationError" });
    cloudFormation.on(DescribeStacksCommand).rejects(error);

    const res = await run("list", "--stack", "Gov");

    expect(res.code).toBe(1);
    expect(res.err).toContain("No stack Gov in this account and region");
  });

  it.each([
    [["list", "--user-pool-id", "GovServicePool"], /is not a user pool id/],
    [["list", "--user-pool-id", POOL, "--stack", "GovService"], /give --user-pool-id or --stack, not both/],
    [["remove", "wangli"], /unknown command "remove"/],
    [["disable"], /^usage: npm run users/],
    [["list", "--colour"], /Unknown option '--colour'/],
    [["disable", "wangli", "--role", "admin"], /^disable takes no --role\n/],
    [["list", "--invite", "--center", "ctr_x"], /^list takes no --center, --invite\n/],
  ])("refuses %j with exit code 2", async (args, message) => {
    const res = await run(...args);

    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
    expect(cognito.calls()).toHaveLength(0);
  });
});
