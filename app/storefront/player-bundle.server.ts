// The Mux player for the storefront: the package's self-contained browser bundle (about 1 MB,
// 300 KB gzipped), served from the app's origin with a versioned URL so browsers and CDNs keep
// it for a year. The storefront loader fetches it only when a viewer is about to watch, so it
// never counts against the loader's 10 KB budget or the page's first load.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import { env } from "~/env.server";

export const PLAYER_BUNDLE_PATH = "/storefront/mux-player.js";

interface PlayerBundle {
  version: string;
  identity: Buffer;
  gzip: Promise<Buffer>;
  br: Promise<Buffer>;
}

declare global {
  var liveShowsPlayerBundle: PlayerBundle | undefined;
}

/** The package's exports map hides its browser bundle; it sits beside the CommonJS entry. */
function packageDist(): string {
  return path.dirname(createRequire(import.meta.url).resolve("@mux/mux-player"));
}

let version: string | undefined;

function playerVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(packageDist(), "..", "package.json"), "utf8")) as { version: string }).version;
  return version;
}

function loadBundle(): PlayerBundle {
  const identity = readFileSync(path.join(packageDist(), "mux-player.js"));
  return {
    version: playerVersion(),
    identity,
    gzip: promisify(gzip)(identity, { level: 9 }),
    br: promisify(brotliCompress)(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
  };
}

function bundle(): PlayerBundle {
  globalThis.liveShowsPlayerBundle ??= loadBundle();
  return globalThis.liveShowsPlayerBundle;
}

export function playerBundleUrl(): string {
  return `${env().SHOPIFY_APP_URL.replace(/\/+$/, "")}${PLAYER_BUNDLE_PATH}?v=${encodeURIComponent(playerVersion())}`;
}

/** The bundle in the best encoding the browser accepts. */
export async function playerBundleResponse(request: Request): Promise<Response> {
  const player = bundle();
  const accepted = request.headers.get("accept-encoding") ?? "";
  const encoding = /\bbr\b/.test(accepted) ? "br" : /\bgzip\b/.test(accepted) ? "gzip" : null;
  const body = encoding ? await player[encoding] : player.identity;
  const headers: Record<string, string> = {
    "Content-Type": "text/javascript; charset=utf-8",
    "Content-Length": String(body.length),
    "Cache-Control": "public, max-age=31536000, immutable",
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    Vary: "Accept-Encoding",
    ETag: `"mux-player-${player.version}-${encoding ?? "identity"}"`,
  };
  if (encoding) headers["Content-Encoding"] = encoding;
  return new Response(new Uint8Array(body), { headers });
}
