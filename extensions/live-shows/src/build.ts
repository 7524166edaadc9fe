// Builds the storefront scripts: src/live-shows.ts → assets/live-shows.js (the "Live show" block)
// and src/live-now.ts → assets/live-now.js (the "Live now" embed), and the scripts they fetch
// later (live-player.js, and live-beacons.js and live-chat.js with the player), each one
// self-contained, ES2019 and minified. Run `npx tsx extensions/live-shows/src/build.ts` after
// editing src/; a test fails while a committed asset differs from what this produces.
// (.shopifyignore keeps src/ out of the extension Shopify receives.)
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type Rollup } from "vite";

export const STOREFRONT_SCRIPTS = ["live-shows", "live-now", "live-player", "live-beacons", "live-chat"] as const;
export type StorefrontScript = (typeof STOREFRONT_SCRIPTS)[number];

export const scriptSource = (name: StorefrontScript) => fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
export const scriptAsset = (name: StorefrontScript) => fileURLToPath(new URL(`../assets/${name}.js`, import.meta.url));

export async function buildScript(name: StorefrontScript): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: "silent",
    build: {
      write: false,
      target: "es2019",
      minify: "esbuild",
      lib: { entry: scriptSource(name), formats: ["iife"], name: "liveShows" },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  })) as Rollup.RollupOutput[];
  const chunk = output[0]?.output[0];
  if (!chunk || chunk.type !== "chunk") throw new Error(`Building ${name} produced no script`);
  return `/* eslint-disable -- built from src/${name}.ts */\n${chunk.code.trim()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of STOREFRONT_SCRIPTS) {
    const code = await buildScript(name);
    writeFileSync(scriptAsset(name), code);
    console.log(`assets/${name}.js: ${Buffer.byteLength(code)} bytes`);
  }
}
