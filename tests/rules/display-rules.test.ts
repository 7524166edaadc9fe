// One way to show things in the admin and the creator portal: amounts through formatMoney,
// dates and times written on the server in the shop's timezone, show statuses from
// shows/status.ts, errors through explainError. These rules read the source, so a page that
// goes back to its own way fails here before a merchant sees it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
}

/** What people read in the admin and the portal: the components and the pages' routes. */
const PAGES = [...sources("app/components"), ...sources("app/routes").filter((file) => /^app\/routes\/(app|creator)[.]/.test(file))];
/** The server modules that answer pages with words: commands, page loaders, the portal. */
const ANSWERS = sources("app").filter((file) => /(-commands|-page|portal)\.server\.ts$/.test(file) || file.startsWith("app/creator-portal/"));

function offences(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(path.join(ROOT, file), "utf8")
      .split("\n")
      .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []))
  );
}

describe("the display rules", () => {
  it("finds the pages it guards", () => {
    expect(PAGES).toEqual(expect.arrayContaining(["app/components/ShowPage.tsx", "app/routes/app.shows._index.tsx", "app/routes/creator._index.tsx"]));
    expect(ANSWERS).toEqual(expect.arrayContaining(["app/shows/show-commands.server.ts", "app/payouts/payouts-page.server.ts", "app/creator-portal/portal.server.ts"]));
  });

  it("formats no date or time during render: the loader writes it in the shop's timezone", () => {
    expect(offences(PAGES, /\.toLocale(Date|Time)?String\(|Intl\.DateTimeFormat|new Date\(/)).toEqual([]);
  });

  it("writes every amount with formatMoney, never by hand", () => {
    expect(offences(PAGES, /formatMinorUnits\(|Intl\.NumberFormat|\.toFixed\(/)).toEqual([]);
    // "12.00 SEK" spelled out by hand anywhere in the app, outside the one formatter and the storefront's own.
    const app = sources("app").filter((file) => file !== "app/lib/money.ts" && !file.startsWith("app/storefront/"));
    expect(offences(app, /formatMinorUnits\([^)]*\)\}?\s*\$?\{?\s*\w*\.?currency\b/)).toEqual([]);
  });

  it("shows no raw error message to a merchant or a creator", () => {
    expect(offences([...PAGES, ...ANSWERS], /\(error as Error\)\.message|\berror\.message\b|\berr\.message\b/)).toEqual([]);
  });

  it("keeps one vocabulary for a show's status", () => {
    expect(offences(PAGES, /replay_ready\s*:|statusLabel\s*[:=]|statusTone\s*[:=]/)).toEqual([]);
  });
});
