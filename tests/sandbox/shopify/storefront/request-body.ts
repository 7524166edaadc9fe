// Reads a storefront POST the way Shopify's cart endpoints accept it: JSON, urlencoded or
// multipart form (themes post `new FormData(form)`), with Rails-style bracketed names such as
// `items[0][id]`, `properties[Show]` and `attributes[live_show]` turned into nested objects.
import type { SandboxRequest } from "../../http";
import { parseExact } from "./exact-json";

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

/** `items[0][properties][Show]` → ["items", "0", "properties", "Show"]; `updates[]` → ["updates", ""]. */
function pathOf(name: string): string[] {
  const head = /^[^[]+/.exec(name)?.[0] ?? name;
  const rest = [...name.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1] ?? "");
  return [head, ...rest];
}

function assign(target: FormObject, path: string[], value: string): void {
  let node: FormObject = target;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    if (segment === "") {
      // `name[]` appends: the container is kept as an object with numeric keys, like the others.
      segment = String(Object.keys(node).length);
    }
    if (last) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (next === undefined || typeof next === "string" || Array.isArray(next)) node[segment] = {};
    node = node[segment] as FormObject;
  });
}

/** Objects whose keys are 0..n-1 become arrays, so `items[0][id]` reads like JSON's `items: [{id}]`. */
function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = arraysFromIndexedObjects(value[key] as FormValue);
  const indexed = keys.length > 0 && keys.every((key, i) => key === String(i));
  return indexed ? keys.map((key) => converted[key] as FormValue) : converted;
}

export function nestFormEntries(entries: Iterable<[string, string]>): FormObject {
  const root: FormObject = {};
  for (const [name, value] of entries) assign(root, pathOf(name), value);
  return arraysFromIndexedObjects(root) as FormObject;
}

/** The request's parameters as one object, whatever the encoding; the query string counts for GETs. */
export async function readStorefrontParams(request: SandboxRequest): Promise<Record<string, unknown>> {
  const contentType = String(request.headers["content-type"] ?? "");
  if (request.rawBody.length === 0) return nestFormEntries(request.url.searchParams.entries());
  if (contentType.includes("application/json")) {
    const parsed = parseExact(request.rawBody.toString("utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  }
  // undici's Response parses both urlencoded and multipart bodies.
  const form = await new Response(new Uint8Array(request.rawBody), {
    headers: { "content-type": contentType || "application/x-www-form-urlencoded" },
  }).formData();
  const entries: [string, string][] = [];
  form.forEach((value, name) => {
    if (typeof value === "string") entries.push([name, value]);
  });
  return nestFormEntries(entries);
}
