import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

/**
 * The staff console (issue 18): built to web/dist, served by `npm start` at /console/ on the API's origin, and in AWS
 * from a private bucket behind CloudFront. `base` makes every asset URL absolute under /console/.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/console/",
  plugins: [vue()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // One chunk per vendor library keeps rebuilds of the console's own code small.
    chunkSizeWarningLimit: 1500,
  },
});
