export * from "../contract/guide-values.ts";
