import { ref } from "vue";

/**
 * The language a page speaks: the console always Chinese; the portal Chinese or English (art. 15, foreign-language
 * services), chosen by the applicant and remembered on the device. Shared code (the problem messages) reads it here.
 */
export type Lang = "zh-CN" | "en";
export const lang = ref<Lang>("zh-CN");
