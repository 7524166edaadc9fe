// Decodes Stripe's application/x-www-form-urlencoded parameters (the v1 API's request format)
// into nested values: `metadata[show]=42` becomes { metadata: { show: "42" } },
// `expand[0]=a&expand[1]=b` and `expand[]=a&expand[]=b` become { expand: ["a", "b"] }.
// The same decoding serves POST bodies and GET query strings.

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

/** A parameter string that cannot be turned into one value per key (e.g. `a=1&a[b]=2`). */
export class FormDecodeError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

/** Splits `a[b][c]` into ["a", "b", "c"]; `a[]` gives ["a", ""]; a key that is not bracket syntax stays whole. */
export function splitKey(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return [key];
  const segments = [match[1] as string];
  for (const part of (match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)) segments.push(part[1] ?? "");
  return segments;
}

// While decoding, every container is an object; containers whose keys are all indices
// become arrays at the end. `defineProperty` keeps keys like "__proto__" as plain data.
type Draft = { [key: string]: string | Draft };

function setOwn(target: Draft, key: string, value: string | Draft) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isDraft(value: string | Draft | undefined): value is Draft {
  return typeof value === "object";
}

export function decodeForm(text: string): FormObject {
  const root: Draft = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const segments = splitKey(key);
    let node = root;
    for (let i = 0; i < segments.length; i++) {
      const isLast = i === segments.length - 1;
      // `[]` appends: its index is the number of entries already there.
      const segment = segments[i] === "" ? String(Object.keys(node).length) : (segments[i] as string);
      const existing = Object.hasOwn(node, segment) ? node[segment] : undefined;
      const param = segments.slice(0, i + 1).map((s, n) => (n === 0 ? s : `[${s}]`)).join("");
      if (isLast) {
        if (existing !== undefined) throw new FormDecodeError(`Received the parameter ${param} more than once.`, param);
        setOwn(node, segment, value);
      } else if (existing === undefined) {
        const child: Draft = {};
        setOwn(node, segment, child);
        node = child;
      } else if (isDraft(existing)) {
        node = existing;
      } else {
        throw new FormDecodeError(`Invalid hash: ${param} was given both as a value and as a hash.`, param);
      }
    }
  }
  return finish(root) as FormObject;
}

function finish(draft: Draft): FormObject | FormValue[] {
  const keys = Object.keys(draft);
  const entries = keys.map((key) => [key, draft[key] as string | Draft] as const);
  const finished = entries.map(([key, value]) => [key, isDraft(value) ? finish(value) : value] as const);
  const allIndices = keys.length > 0 && keys.every((key) => /^(0|[1-9]\d*)$/.test(key));
  if (allIndices) {
    return finished.sort(([a], [b]) => Number(a) - Number(b)).map(([, value]) => value);
  }
  const out: FormObject = {};
  for (const [key, value] of finished) setOwn(out as Draft, key, value as Draft);
  return out;
}

/** Key-order-independent JSON, used to compare the parameters of two requests. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Renders a path such as ["capabilities", "transfers", "requested"] the way Stripe names params. */
export function paramName(path: ReadonlyArray<PropertyKey>): string {
  return path.map((segment, i) => (i === 0 ? String(segment) : `[${String(segment)}]`)).join("");
}
