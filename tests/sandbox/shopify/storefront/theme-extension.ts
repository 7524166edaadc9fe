// Reads the app's theme app extension from disk the way Shopify ingests it: each file in blocks/
// is a block whose `{% schema %}` says what it is (an app block for sections, or an app embed
// with "target": "body"), which assets it pulls in, and the defaults of its settings.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, basename } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's own extension; the sandbox renders exactly what the app ships. */
export const LIVE_SHOWS_EXTENSION_DIR = fileURLToPath(new URL("../../../../extensions/live-shows/", import.meta.url));

export type SettingValue = string | number | boolean | null;
export type BlockSettings = Record<string, SettingValue>;

export interface BlockSchemaSetting {
  type: string;
  id?: string;
  default?: SettingValue;
}

export interface BlockSchema {
  name: string;
  /** "section" for app blocks placed in a section, "head" or "body" for app embeds. */
  target: string;
  javascript?: string;
  stylesheet?: string;
  settings?: BlockSchemaSetting[];
}

export interface ExtensionBlock {
  /** File name without .liquid, e.g. "live-show": what themes reference. */
  handle: string;
  /** Liquid source with the schema tag removed (it renders nothing). */
  source: string;
  schema: BlockSchema;
  defaults: BlockSettings;
}

export interface ThemeExtension {
  dir: string;
  blocks: Map<string, ExtensionBlock>;
  /** Storefront translations by locale; the `<locale>.default.json` file is the fallback. */
  locales: Map<string, unknown>;
  defaultLocale: string;
}

const SCHEMA_TAG = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/;

/** Splits a block file into its renderable Liquid and its parsed schema. */
export function parseBlockFile(handle: string, text: string): ExtensionBlock {
  const found = SCHEMA_TAG.exec(text);
  if (!found?.[1]) throw new Error(`Theme extension block ${handle} has no {% schema %}`);
  const schema = JSON.parse(found[1]) as BlockSchema;
  return { handle, source: text.replace(SCHEMA_TAG, ""), schema, defaults: settingDefaults(schema) };
}

/** What an unconfigured block sees: each setting's default, or blank (Shopify gives nil / false). */
export function settingDefaults(schema: BlockSchema): BlockSettings {
  const defaults: BlockSettings = {};
  for (const setting of schema.settings ?? []) {
    if (!setting.id) continue; // header and paragraph "settings" carry no value
    defaults[setting.id] = setting.default ?? (setting.type === "checkbox" ? false : null);
  }
  return defaults;
}

export function loadThemeExtension(dir = LIVE_SHOWS_EXTENSION_DIR): ThemeExtension {
  const blocks = new Map<string, ExtensionBlock>();
  for (const file of readdirSync(join(dir, "blocks"))) {
    if (!file.endsWith(".liquid")) continue;
    const handle = basename(file, ".liquid");
    blocks.set(handle, parseBlockFile(handle, readFileSync(join(dir, "blocks", file), "utf8")));
  }
  const locales = new Map<string, unknown>();
  let defaultLocale = "en";
  const localesDir = join(dir, "locales");
  if (existsSync(localesDir)) {
    for (const file of readdirSync(localesDir)) {
      // Schema translations (*.schema.json) are for the theme editor, not the storefront.
      const match = /^([\w-]+?)(\.default)?\.json$/.exec(file);
      if (!match?.[1]) continue;
      locales.set(match[1], JSON.parse(readFileSync(join(localesDir, file), "utf8")));
      if (match[2]) defaultLocale = match[1];
    }
  }
  return { dir, blocks, locales, defaultLocale };
}
