import { reactive } from "vue";
import { api } from "./api/client.ts";
import type { components } from "../../clients/typescript/api.d.ts";
import { session } from "./session.ts";

export type CenterDetail = components["schemas"]["CenterDetail"];
export type StaffMember = components["schemas"]["StaffMember"];

/**
 * Where the signed-in person works: their roster entry (window, department, duty) and their center (its windows and
 * departments), read once per sign-in. Someone not on a roster (a back-office approver) has no entry.
 */
const state = reactive<{ for?: string; staff?: StaffMember; center?: CenterDetail; loading?: Promise<void> }>(
  {},
);

export function useMe() {
  const sub = session.state.current?.principal.sub;
  const centerId = session.state.current?.principal.centerId;
  if (sub && state.for !== sub) {
    state.for = sub;
    state.staff = undefined;
    state.center = undefined;
    state.loading = (async () => {
      const [me, center] = await Promise.all([
        api.GET("/v1/me/staff"),
        centerId ? api.GET("/v1/centers/{centerId}", { params: { path: { centerId } } }) : undefined,
      ]);
      state.staff = me.data;
      state.center = center?.data;
    })();
  }
  return state;
}
