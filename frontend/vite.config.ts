import { defineConfig } from "vite";

// Served at "/" by the back end's dev server (with an index.html fallback for unknown paths),
// the API at /api on the same origin. `npm run dev` proxies /api to the local stack.
export default defineConfig({
  base: "/",
  oxc: {
    jsx: { runtime: "automatic", importSource: "preact" },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
  server: {
    host: "127.0.0.1",
    proxy: { "/api": { target: "http://127.0.0.1:8000", changeOrigin: false } },
  },
});
