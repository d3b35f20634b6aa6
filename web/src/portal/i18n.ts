import { watchEffect } from "vue";
import { createI18n } from "vue-i18n";
import { lang, type Lang } from "../lang.ts";
import { messages, type MessageSchema } from "./messages.ts";

const STORED = "portal.lang";
lang.value = localStorage.getItem(STORED) === "en" ? "en" : "zh-CN";

/** The portal's translations (vue-i18n, composition mode): Chinese first, English on request. */
export const i18n = createI18n<[MessageSchema], Lang, false>({
  legacy: false,
  locale: lang.value,
  fallbackLocale: "zh-CN",
  messages,
});

/** Switched from any page; remembered on this device, and the page's own `lang` follows (screen readers read it). */
watchEffect(() => {
  i18n.global.locale.value = lang.value;
  localStorage.setItem(STORED, lang.value);
  document.documentElement.lang = lang.value;
  document.title = messages[lang.value].app.title;
});
