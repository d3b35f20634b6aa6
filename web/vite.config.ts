import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

/**
 * The staff console (issue 18) and the applicants' portal (issue 19): one build to web/dist, served by `npm start` on
 * the API's origin and in AWS from a private bucket behind CloudFront. Two pages — index.html is the console at
 * /console/, portal.html the portal at /portal/ — sharing one set of assets: `base` makes every asset URL absolute
 * under /console/, so both pages load them from there, and the libraries they share are downloaded once.
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
    rollupOptions: {
      input: {
        console: fileURLToPath(new URL("index.html", import.meta.url)),
        portal: fileURLToPath(new URL("portal.html", import.meta.url)),
      },
    },
  },
});
