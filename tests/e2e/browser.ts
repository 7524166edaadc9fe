// Headless Chromium for end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core
// (no downloaded browser; these machines are offline). Install it with `apt-get install -y chromium`.
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** No sandbox (containers), no GPU, and nothing that reaches for the network on its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A desktop Chrome's user agent. Headless Chromium says "HeadlessChrome", which isbot (used by
 * shopify-app-remix's authenticate.admin) takes for a bot and answers 410.
 */
export function desktopUserAgent(browser: Browser): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
}

/** A page with a desktop user agent whose requests to other hosts answer empty. */
export async function newPage(browser: Browser): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ userAgent: desktopUserAgent(browser) });
  // These machines have no internet. Third-party scripts a real browser would fetch (the Google
  // Cast SDK mux-player asks for, Shopify's CDN) answer empty instead of failing with console errors.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.fulfill({ status: 204, body: "" }));
  return context.newPage();
}

/**
 * Collects what went wrong in a page (uncaught exceptions, console errors) so a test can show
 * it when an assertion fails, or assert there was none.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

/**
 * Resolves once the Remix app in `frame` hydrates (Remix puts its router on the window as it
 * does). A server-rendered button shows before that, and a click on it would be lost; from then
 * on React answers clicks, or replays those that arrive while it is still hydrating.
 */
export async function appHydrated(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => "__remixRouter" in window);
}
