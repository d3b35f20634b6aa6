import { reactive } from "vue";
import type { components } from "../../clients/typescript/api.d.ts";
import { api } from "./api/client.ts";
import { run } from "./api/call.ts";
import { session } from "./session.ts";

type Staff = components["schemas"]["StaffMember"];

/**
 * The signed-in person's center's roster (personal data masked, as the API lists it), read a page at a time once per
 * sign-in: for the administration's screens that name people — who staffs a window, whom a finding is about. Only the
 * administration and supervisors may read it.
 */
const state = reactive<{ for?: string; staff: Staff[]; loading?: Promise<void> }>({ staff: [] });

export function useRoster() {
  const sub = session.state.current?.principal.sub;
  const centerId = session.state.current?.principal.centerId;
  if (sub && centerId && state.for !== sub) {
    state.for = sub;
    state.staff = [];
    state.loading = (async () => {
      const people: Staff[] = [];
      let cursor: string | undefined;
      do {
        const page = await run(
          api.GET("/v1/centers/{centerId}/staff", {
            params: { path: { centerId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        );
        people.push(...(page?.items ?? []));
        cursor = page?.nextCursor ?? undefined;
      } while (cursor);
      state.staff = people;
    })();
  }
  return state;
}
