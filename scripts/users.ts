import { randomInt } from "node:crypto";
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  type AttributeType,
  type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import { ROLES, type Role } from "#shared/auth/roles.ts";
import { isId } from "#shared/ids.ts";
import { commandLine } from "./command-line.ts";

/**
 * `npm run users -- add | disable | list`: staff accounts in the stack's Cognito user pool (issue 23, point 5). Accounts
 * are opened by administrators only (the pool has no self sign-up), and only this kind of admin call may set the role
 * and scope attributes the API trusts — `custom:role`, `custom:centerId`, `custom:departmentId`
 * (infra/aws/constructs/user-directory.ts): no app client can write them.
 *
 * In the China regions (target `aws-cn`) there is no user pool: staff sign in through an external OpenID Connect
 * provider, and their accounts, roles and scopes live there (docs/deploy.md, "Users and the claim mapping").
 */

/** Exit codes: 0 done; 1 Cognito or CloudFormation refused or failed; 2 nothing done because of the arguments. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Output sinks, so the tests read what an operator would see. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}
const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

export class UsersError extends Error {
  override name = "UsersError";
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}

const EXTERNAL_PROVIDER =
  "This deployment signs staff in through an external OpenID Connect provider (target aws-cn: the China regions " +
  "offer no Cognito user pools). Its users, their role, center and department live in that provider: create and " +
  "disable them there, and map its claims to the principal with the CDK context `oidcClaims` — see docs/deploy.md, " +
  '"Users and the claim mapping".';

/** Cognito user pool ids start with their region: `eu-west-1_AbC123xyz`. */
const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d)_[0-9A-Za-z]+$/;

/**
 * Cognito usernames here are handles, not email addresses: the pool signs in with username or email as an alias, and
 * Cognito refuses a username in email form when email is an alias.
 */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUser {
  username: string;
  email: string;
  name?: string;
  role: Role;
  centerId?: string;
  departmentId?: string;
  /** `invite`: Cognito emails the temporary password; `temporaryPassword`: the command prints one it generated. */
  delivery: "invite" | "temporaryPassword";
}

/**
 * What `add` accepts, checked before any call to AWS, with the rule each refusal breaks: a role of shared/auth/roles.ts,
 * and scope ids of the right kind — the API refuses a token whose scope is not a well-formed id
 * (shared/auth/principal.ts), so a wrong one here would make an account that can never call it.
 */
export function checkNewUser(input: {
  username?: string;
  email?: string;
  name?: string;
  role?: string;
  center?: string;
  department?: string;
  invite?: boolean;
  temporaryPassword?: boolean;
}): NewUser {
  const fail = (message: string) => {
    throw new UsersError(message, EXIT.usage);
  };
  const { username, email, role, center, department } = input;
  if (!username || !USERNAME.test(username))
    fail(
      `username ${username === undefined ? "missing" : JSON.stringify(username)}: 1–128 letters, digits, '.', '_' or '-', starting with a letter or digit (not an email address: email is the sign-in alias)`,
    );
  if (!email || !EMAIL.test(email))
    fail("--email: the user's email address is required (invitation and account recovery)");
  if (!role) fail(`--role is required: one of ${ROLES.join(", ")}`);
  if (!(ROLES as readonly string[]).includes(role!))
    fail(`--role ${JSON.stringify(role)} is not a role: one of ${ROLES.join(", ")}`);
  if (role === "applicant") {
    if (center !== undefined || department !== undefined)
      fail("--center and --department are staff scopes: an applicant has none");
  } else if (center === undefined)
    fail(`--center is required: a ${role} acts only inside their center (ctr_…)`);
  if (center !== undefined && !isId(center, "ctr"))
    fail(
      `--center ${JSON.stringify(center)} is not a center id (ctr_ and a ULID, as GET /v1/centers lists them)`,
    );
  if (department !== undefined && !isId(department, "dep"))
    fail(`--department ${JSON.stringify(department)} is not a department id (dep_ and a ULID)`);
  if (input.invite === input.temporaryPassword)
    fail(
      "give exactly one of --invite (Cognito emails a temporary password) and --temporary-password (printed here)",
    );
  if (input.name !== undefined && (input.name.length === 0 || input.name.length > 50))
    fail("--name: 1–50 characters");
  return {
    username: username!,
    email: email!,
    ...(input.name ? { name: input.name } : {}),
    role: role as Role,
    ...(center ? { centerId: center } : {}),
    ...(department ? { departmentId: department } : {}),
    delivery: input.invite ? "invite" : "temporaryPassword",
  };
}

/**
 * A temporary password the pool's policy accepts (12+ characters with lower and upper case letters, digits and
 * symbols: user-directory.ts): 16 characters, one of each class, the rest from all of them, shuffled. Generated here
 * rather than taken as an argument, so it is never in the shell's history; valid 3 days and changed at first sign-in.
 */
export function temporaryPassword(): string {
  const classes = ["abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "!#%*+-=?@^_"];
  const all = classes.join("");
  const chars = [
    ...classes.map((c) => c[randomInt(c.length)]!),
    ...Array.from({ length: 12 }, () => all[randomInt(all.length)]!),
  ];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

/** `wangli@example.gov.cn` → `w*****@example.gov.cn`: enough to tell accounts apart, not to harvest addresses. */
export function maskEmail(email: string | undefined): string {
  if (!email) return "—";
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email[0]}${"*".repeat(Math.max(3, at - 1))}${email.slice(at)}`;
}

/** Open an account with its role and scope; returns the temporary password when the command made one. */
export async function addUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  user: NewUser,
): Promise<{ status: string; temporaryPassword?: string }> {
  const attributes: AttributeType[] = [
    { Name: "email", Value: user.email },
    // The administrator vouches for the address: account recovery is by email only, and the email alias signs in
    // only once verified.
    { Name: "email_verified", Value: "true" },
    ...(user.name ? [{ Name: "name", Value: user.name }] : []),
    { Name: "custom:role", Value: user.role },
    ...(user.centerId ? [{ Name: "custom:centerId", Value: user.centerId }] : []),
    ...(user.departmentId ? [{ Name: "custom:departmentId", Value: user.departmentId }] : []),
  ];
  const password = user.delivery === "temporaryPassword" ? temporaryPassword() : undefined;
  try {
    const { User } = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        UserAttributes: attributes,
        ...(password
          ? { TemporaryPassword: password, MessageAction: "SUPPRESS" }
          : { DesiredDeliveryMediums: ["EMAIL"] }),
      }),
    );
    return {
      status: User?.UserStatus ?? "FORCE_CHANGE_PASSWORD",
      ...(password ? { temporaryPassword: password } : {}),
    };
  } catch (error) {
    throw explain(error, user.username, userPoolId);
  }
}

/**
 * Disable an account and end its sessions. Disabling stops sign-in and token refresh and revokes its access tokens;
 * the global sign-out revokes its refresh tokens too. An ID token already issued stays valid until it expires (at most
 * an hour, the clients' `idTokenValidity`): API Gateway and the functions verify it offline, by signature.
 */
export async function disableUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  username: string,
): Promise<{ signedOut: boolean }> {
  try {
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
  } catch (error) {
    throw explain(error, username, userPoolId);
  }
  try {
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
    return { signedOut: true };
  } catch (error) {
    // Cognito may refuse to sign out a user it has just disabled ("User is disabled"): disabling has revoked the access
    // tokens and a disabled user cannot refresh, which is what the sign-out would have achieved.
    if ((error as Error).name === "NotAuthorizedException") return { signedOut: false };
    throw explain(error, username, userPoolId);
  }
}

export interface ListedUser {
  username: string;
  email?: string;
  role?: string;
  centerId?: string;
  departmentId?: string;
  status: string;
  enabled: boolean;
}

/** Every account of the pool, page by page (ListUsers returns at most 60 at a time). */
export async function listUsers(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
): Promise<ListedUser[]> {
  const users: ListedUser[] = [];
  let PaginationToken: string | undefined;
  try {
    do {
      const page = await cognito.send(
        new ListUsersCommand({
          UserPoolId: userPoolId,
          Limit: 60,
          AttributesToGet: ["email", "custom:role", "custom:centerId", "custom:departmentId"],
          ...(PaginationToken ? { PaginationToken } : {}),
        }),
      );
      users.push(...(page.Users ?? []).map(listed));
      PaginationToken = page.PaginationToken;
    } while (PaginationToken);
  } catch (error) {
    throw explain(error, undefined, userPoolId);
  }
  return users;
}

function listed(user: UserType): ListedUser {
  const attribute = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;
  const optional = (key: keyof ListedUser, name: string) => {
    const value = attribute(name);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    username: user.Username ?? "?",
    ...optional("email", "email"),
    ...optional("role", "custom:role"),
    ...optional("centerId", "custom:centerId"),
    ...optional("departmentId", "custom:departmentId"),
    status: user.UserStatus ?? "UNKNOWN",
    enabled: user.Enabled ?? false,
  };
}

/** The rows `list` prints, aligned; emails masked unless asked for. */
export function formatUsers(users: readonly ListedUser[], showEmail: boolean): string[] {
  const rows = [
    ["username", "role", "center", "department", "status", "enabled", "email"],
    ...users.map((u) => [
      u.username,
      u.role ?? "—",
      u.centerId ?? "—",
      u.departmentId ?? "—",
      u.status,
      u.enabled ? "yes" : "no",
      showEmail ? (u.email ?? "—") : maskEmail(u.email),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd(),
  );
}

/** An AWS error as a sentence an operator can act on. */
function explain(error: unknown, username: string | undefined, userPoolId: string): UsersError {
  const e = error as Error;
  switch (e.name) {
    case "UsernameExistsException":
      return new UsersError(
        `A user ${username} already exists in ${userPoolId}: \`npm run users -- list\` shows it.`,
      );
    case "UserNotFoundException":
      return new UsersError(`No user ${username} in ${userPoolId}.`);
    case "ResourceNotFoundException":
      return new UsersError(`No user pool ${userPoolId} in this account and region.`);
    case "InvalidParameterException":
      return new UsersError(`Cognito refused the request: ${e.message}`);
    case "AccessDeniedException":
    case "NotAuthorizedException":
      return new UsersError(`Not allowed in ${userPoolId} with these credentials: ${e.message}`);
    case "CredentialsProviderError":
      return new UsersError(`No AWS credentials: set AWS_PROFILE or the AWS_* variables (${e.message})`);
    default:
      return new UsersError(`${e.name}: ${e.message}`);
  }
}

/**
 * The user pool: `--user-pool-id`, or the `UserPoolId` output of the stack (`--stack`, default GovService). A stack
 * without that output was deployed for an external provider.
 */
export async function resolveUserPool(options: {
  userPoolId?: string;
  stack?: string;
  region?: string;
}): Promise<{ userPoolId: string; region: string }> {
  if (options.userPoolId) {
    const match = POOL_ID.exec(options.userPoolId);
    if (!match)
      throw new UsersError(
        `--user-pool-id ${JSON.stringify(options.userPoolId)} is not a user pool id (<region>_<id>, the stack's UserPoolId output)`,
        EXIT.usage,
      );
    return { userPoolId: options.userPoolId, region: options.region ?? match[1]! };
  }
  const stackName = options.stack ?? "GovService";
  const cloudFormation = new CloudFormationClient(options.region ? { region: options.region } : {});
  try {
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = Stacks[0]?.Outputs ?? [];
    const userPoolId = outputs.find((o) => o.OutputKey === "UserPoolId")?.OutputValue;
    if (!userPoolId)
      throw new UsersError(`Stack ${stackName} has no user pool. ${EXTERNAL_PROVIDER}`, EXIT.usage);
    return { userPoolId, region: POOL_ID.exec(userPoolId)?.[1] ?? (await cloudFormation.config.region()) };
  } catch (error) {
    if (error instanceof UsersError) throw error;
    const e = error as Error;
    throw new UsersError(
      e.name === "ValidationError"
        ? `No stack ${stackName} in this account and region (--stack, AWS_REGION), or give --user-pool-id.`
        : `Could not read stack ${stackName}'s outputs: ${e.name}: ${e.message}`,
    );
  } finally {
    cloudFormation.destroy();
  }
}

const USAGE = `usage: npm run users -- <command> [--user-pool-id ID | --stack NAME] [--region REGION]
  add <username> --email ADDRESS --role ROLE [--center ctr_…] [--department dep_…] [--name NAME]
                 (--invite | --temporary-password)
      open an account with its role and scope; --invite has Cognito email a temporary password,
      --temporary-password prints one generated here (valid 3 days, changed at first sign-in)
  disable <username>
      stop the account's sign-in and end its sessions
  list [--show-email]
      every account with its role, scope, status and whether it is enabled (emails masked)

  ROLE          ${ROLES.join(", ")} (staff roles need --center)
  --user-pool-id  the pool (the stack's UserPoolId output); its region is the id's prefix
  --stack       read the pool from this stack's outputs (default GovService; AWS_REGION, AWS_PROFILE)
  --target      aws (default) or aws-cn: an external provider's users are not managed here`;

/** The command line: parse, check, call, print. Returns the exit code. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const parsed = commandLine(
    argv,
    {
      "user-pool-id": { type: "string" },
      stack: { type: "string" },
      region: { type: "string" },
      target: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      center: { type: "string" },
      department: { type: "string" },
      invite: { type: "boolean", default: false },
      "temporary-password": { type: "boolean", default: false },
      "show-email": { type: "boolean", default: false },
    },
    USAGE,
    io.err,
  );
  if (!parsed) return EXIT.usage;
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (values.target !== undefined && values.target !== "aws" && values.target !== "aws-cn") {
    io.err(`--target ${JSON.stringify(values.target)}: aws or aws-cn\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.target === "aws-cn" || values.region?.startsWith("cn-")) {
    io.err(EXTERNAL_PROVIDER);
    return EXIT.usage;
  }
  const arity = { add: 1, disable: 1, list: 0 } as Record<string, number>;
  if (command === undefined || !(command in arity) || rest.length !== arity[command]) {
    io.err(
      command !== undefined && !(command in arity)
        ? `unknown command ${JSON.stringify(command)}\n${USAGE}`
        : USAGE,
    );
    return EXIT.usage;
  }
  // An option of another command is refused, not ignored: `disable wangli --role admin` changes no role.
  const own: Record<string, readonly string[]> = {
    add: ["email", "name", "role", "center", "department", "invite", "temporary-password"],
    disable: [],
    list: ["show-email"],
  };
  const foreign = Object.values(own)
    .flat()
    .filter((o) => !own[command]!.includes(o) && values[o as keyof typeof values]);
  if (foreign.length) {
    io.err(`${command} takes no ${foreign.map((o) => `--${o}`).join(", ")}\n${USAGE}`);
    return EXIT.usage;
  }
  if (values["user-pool-id"] && values.stack) {
    io.err(`give --user-pool-id or --stack, not both\n${USAGE}`);
    return EXIT.usage;
  }
  // An operator's terminal, not a test log: the SDK's Node version notice (see LOCAL-STACK.md) is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  let cognito: CognitoIdentityProviderClient | undefined;
  try {
    // Checked before any call to AWS: a typo never reaches the pool.
    const user =
      command === "add"
        ? checkNewUser({
            username: rest[0],
            email: values.email,
            name: values.name,
            role: values.role,
            center: values.center,
            department: values.department,
            invite: values.invite,
            temporaryPassword: values["temporary-password"],
          })
        : undefined;
    const { userPoolId, region } = await resolveUserPool({
      userPoolId: values["user-pool-id"],
      stack: values.stack,
      region: values.region,
    });
    if (region.startsWith("cn-")) throw new UsersError(EXTERNAL_PROVIDER, EXIT.usage);
    cognito = new CognitoIdentityProviderClient({ region });
    if (user) {
      const result = await addUser(cognito, userPoolId, user);
      const scope = [user.centerId, user.departmentId].filter(Boolean).join(" / ") || "no scope";
      io.out(`added ${user.username}: ${user.role}, ${scope}; ${result.status}`);
      if (result.temporaryPassword) {
        io.out(
          `temporary password (valid 3 days; hand it over apart from the username; they set their own and an authenticator app at first sign-in):`,
        );
        io.out(`  ${result.temporaryPassword}`);
      } else io.out(`Cognito emailed an invitation with a temporary password to ${maskEmail(user.email)}.`);
    } else if (command === "disable") {
      const { signedOut } = await disableUser(cognito, userPoolId, rest[0]!);
      io.out(
        `disabled ${rest[0]}: no sign-in or token refresh; ${signedOut ? "signed out everywhere" : "its access tokens are revoked"}. An ID token already issued is accepted until it expires (at most 1 hour).`,
      );
    } else {
      const users = await listUsers(cognito, userPoolId);
      for (const line of formatUsers(users, values["show-email"])) io.out(line);
      io.out(`${users.length} user(s) in ${userPoolId}`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsersError) {
      io.err(error.message);
      return error.exitCode;
    }
    const e = error as Error;
    io.err(`users ${command} failed: ${e.name}: ${e.message}`);
    return EXIT.failed;
  } finally {
    cognito?.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
