import { session, type Principal } from "../session.ts";

/** A seeded user of `npm start`, as its local sign-in page lists them (never a token). */
export interface SeedUser {
  user: string;
  label: string;
  principal: Principal;
}

/** The seeded users whose principal passes `keep`, or undefined when this is not the local stack. */
export async function localUsers(keep: (p: Principal) => boolean): Promise<SeedUser[] | undefined> {
  const res = await fetch("/_local/users").catch(() => undefined);
  if (!res?.ok) return undefined;
  return ((await res.json()) as { items: SeedUser[] }).items.filter((u) => keep(u.principal));
}

/**
 * Signs in as a seeded user: `/_local/token` mints the same tokens the API checks, and the session keeps it. Returns
 * the HTTP status when the runtime refused.
 */
export async function localSignIn(u: SeedUser, label = u.label): Promise<number | undefined> {
  const res = await fetch("/_local/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user: u.user }),
  });
  if (!res.ok) return res.status;
  const { token, expiresAt, principal } = (await res.json()) as {
    token: string;
    expiresAt: string;
    principal: Principal;
  };
  session.signIn({ token, expiresAt, principal, label });
  return undefined;
}
