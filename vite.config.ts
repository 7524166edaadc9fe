import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// This file takes the place of remix.config.js: the app builds with Remix's Vite plugin
// (the classic compiler breaks on Polaris and shopify-app-remix's JSON imports).
export default defineConfig({
  server: { port: Number(process.env.PORT || 3000), hmr: { port: 64999 } },
  plugins: [
    remix({
      // Test runs build into their own folder so that parallel runs never share a build.
      buildDirectory: process.env.LIVE_SHOWS_BUILD_DIR ?? "build",
      ignoredRouteFiles: ["**/.*", "**/*.test.*"],
      future: {
        // Every v3 flag is on so the move to React Router 7 is mechanical.
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
  build: {
    assetsInlineLimit: 0,
    // Rollup otherwise gives every set of Polaris components that routes share a file of its own,
    // most under 2 kB: the show page loaded 26 scripts, and on a first visit each costs a request
    // (HTTP/1.1 allows six at a time). Merging the small side-effect-free ones makes it 18
    // (`npm run bench -- --only=admin`, tests/bench/RESULTS.md).
    rollupOptions: { output: { experimentalMinChunkSize: 10_000 } },
  },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
});
