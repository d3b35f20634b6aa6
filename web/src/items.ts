import { reactive } from "vue";
import { api } from "./api/client.ts";

/** Item names by id, read once each: lists from the API carry ids, people read names. */
const names = reactive<Record<string, string>>({});
const asked = new Set<string>();

export function itemName(itemId: string | undefined): string {
  if (!itemId) return "—";
  if (!asked.has(itemId)) {
    asked.add(itemId);
    void api.GET("/v1/items/{itemId}", { params: { path: { itemId } } }).then(({ data }) => {
      if (data) names[itemId] = data.name;
    });
  }
  return names[itemId] ?? "…";
}
