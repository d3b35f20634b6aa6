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
}

const KEY = "console.session";

interface Stored {
  token: string;
  expiresAt: string;
  principal: Principal;
  label?: string;
}

function read(): Stored | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
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
    sessionStorage.setItem(KEY, JSON.stringify(stored));
    state.current = stored;
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
    state.current = undefined;
  },
  /** The token expired or was refused: sign in again, then come back here. */
  expired(): void {
    session.signOut();
    // The router's paths are below its base (/console/): the way back is given without it
    const path = window.location.pathname.replace(/^\/console(?=\/|$)/, "") || "/";
    const back = path + window.location.search;
    window.location.assign(`/console/sign-in?back=${encodeURIComponent(back)}`);
  },
};
