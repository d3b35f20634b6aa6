import { watchEffect } from "vue";
import { createI18n } from "vue-i18n";
import { lang, type Lang } from "../lang.ts";
import { messages, type MessageSchema } from "./messages.ts";

const STORED = "portal.lang";

const create = (locale: Lang) =>
  createI18n<[MessageSchema], Lang, false>({ legacy: false, locale, fallbackLocale: "zh-CN", messages });

/**
 * The portal's translations (vue-i18n, composition mode): Chinese first, English on request — switched from any page,
 * remembered on this device, and the page's own `lang` follows (screen readers read it).
 */
export function portalI18n() {
  lang.value = localStorage.getItem(STORED) === "en" ? "en" : "zh-CN";
  const i18n = create(lang.value);
  watchEffect(() => {
    i18n.global.locale.value = lang.value;
    localStorage.setItem(STORED, lang.value);
    document.documentElement.lang = lang.value;
    document.title = messages[lang.value].app.title;
  });
  return i18n;
}

/** The console speaks Chinese only; it shares the portal's words where it shows the same parts (uploading a scan). */
export const consoleI18n = () => create("zh-CN");
