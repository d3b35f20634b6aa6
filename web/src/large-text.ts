import { ref, watchEffect, type Ref } from "vue";

/**
 * 适老化: a large-text mode for older users and anyone who needs it, remembered on this device under `key` (a setting,
 * not personal data). The page's root element carries it, so every screen's type grows together.
 */
export function useLargeText(key: string): Ref<boolean> {
  const on = ref(localStorage.getItem(key) === "1");
  watchEffect(() => {
    document.documentElement.classList.toggle("large-text", on.value);
    localStorage.setItem(key, on.value ? "1" : "0");
  });
  return on;
}
