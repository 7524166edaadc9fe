// Which shop a request is for. The app's dispatcher sends every *.myshopify.com request to the
// emulator with the real host in x-sandbox-shop; a browser reaching the emulator directly may use
// a myshopify Host header or a ?shop= parameter instead.
import type { SandboxRequest } from "../http";
import { normaliseDomain } from "./state";

const SHOP_HOST = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function shopOfRequest(request: Pick<SandboxRequest, "headers" | "url">): string | undefined {
  const header = request.headers["x-sandbox-shop"];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader) return normaliseDomain(fromHeader);
  const host = normaliseDomain((request.headers.host ?? "").replace(/:\d+$/, ""));
  if (SHOP_HOST.test(host)) return host;
  const param = request.url.searchParams.get("shop");
  return param ? normaliseDomain(param) : undefined;
}
