import { onMounted, onUnmounted, ref } from "vue";

/** Whether the screen is a phone's width: side-by-side layouts (description lists) become one column. */
export function useNarrow(maxWidth = 640) {
  const narrow = ref(false);
  const query = window.matchMedia(`(max-width: ${maxWidth}px)`);
  const update = () => (narrow.value = query.matches);
  onMounted(() => {
    update();
    query.addEventListener("change", update);
  });
  onUnmounted(() => query.removeEventListener("change", update));
  return narrow;
}
