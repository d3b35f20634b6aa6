import { reactive } from "vue";

/**
 * Who is signed in. The token lives in session storage only (closed with the tab, never in local storage or a
 * cookie), as the issue asks; the principal is what the token says, for the screens to choose what to show.
 */
export interface Principal {
  sub: string;
  role: string;
  centerId?: string;
  departmentId?: string;
  /** An applicant's real-name verified identity (实名认证): the portal applies under it and no other. */
  verifiedIdentity?: { idNumber: string; name: string };
  /** Organisations the applicant is verified to act for (法人认证), by credit code. */
  organisations?: string[];
}

/**
 * Which site this page is (the staff console or the applicants' portal, both on one origin): each keeps its own
 * session, so an applicant's sign-in in the portal never opens the console, nor the reverse.
 */
export const site = (): "portal" | "console" =>
  typeof window !== "undefined" && window.location.pathname.startsWith("/portal") ? "portal" : "console";
const key = () => `${site()}.session`;

interface Stored {
  token: string;
  expiresAt: string;
  principal: Principal;
  label?: string;
}

function read(): Stored | undefined {
  try {
    const raw = sessionStorage.getItem(key());
    return raw ? (JSON.parse(raw) as Stored) : undefined;
  } catch {
    return undefined;
  }
}

const state = reactive<{ current: Stored | undefined }>({ current: read() });

export const session = {
  state,
  token(): string | undefined {
    const s = state.current;
    return s && Date.parse(s.expiresAt) > Date.now() ? s.token : undefined;
  },
  signIn(stored: Stored): void {
    sessionStorage.setItem(key(), JSON.stringify(stored));
    state.current = stored;
  },
  signOut(): void {
    sessionStorage.removeItem(key());
    state.current = undefined;
  },
  /** The token expired or was refused: sign in again, then come back here. */
  expired(): void {
    session.signOut();
    // The router's paths are below its base (/console/ or /portal/): the way back is given without it
    const base = `/${site()}`;
    const path = window.location.pathname.replace(new RegExp(`^${base}(?=/|$)`), "") || "/";
    const back = path + window.location.search;
    window.location.assign(`${base}/sign-in?back=${encodeURIComponent(back)}`);
  },
};
