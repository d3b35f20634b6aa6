import { onMounted, ref } from "vue";
import { api } from "../api/client.ts";
import { run } from "../api/call.ts";

/** The service centers an applicant may choose (public): read when the page opens. */
export function useCenters() {
  const centers = ref<{ id: string; name: string }[]>([]);
  onMounted(async () => {
    const data = await run(api.GET("/v1/centers", { params: { query: { limit: 100 } } }));
    centers.value = (data?.items ?? []).map((c) => ({ id: c.id, name: c.name }));
  });
  return centers;
}
