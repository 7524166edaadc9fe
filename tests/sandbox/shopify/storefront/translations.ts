// The `t` filter of a theme app extension: looks the key up in the extension's locale file for
// the request's locale, falls back to the default locale, interpolates `{{ name }}` and picks a
// plural form by `count`, and says "Translation missing" like Shopify does when nothing matches.
import type { ThemeExtension } from "./theme-extension";

export type TranslationVariables = Record<string, unknown>;

function lookup(tree: unknown, key: string): unknown {
  let node = tree;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Shopify's plural keys follow CLDR; English-like rules are enough for the sandbox's locales. */
function pluralForm(node: Record<string, unknown>, count: unknown): unknown {
  const n = Number(count);
  if (n === 0 && "zero" in node) return node.zero;
  if (n === 1 && "one" in node) return node.one;
  return node.other;
}

export function interpolate(text: string, variables: TranslationVariables): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) =>
    name in variables ? String(variables[name] ?? "") : whole,
  );
}

export function translate(extension: ThemeExtension, locale: string, key: string, variables: TranslationVariables = {}): string {
  for (const candidate of [locale, locale.split("-")[0] ?? locale, extension.defaultLocale]) {
    let found = lookup(extension.locales.get(candidate), key);
    if (found !== null && typeof found === "object" && "count" in variables) {
      found = pluralForm(found as Record<string, unknown>, variables.count);
    }
    if (typeof found === "string") return interpolate(found, variables);
  }
  return `Translation missing: ${locale}.${key}`;
}
