// JSON with integers that JavaScript numbers cannot hold. Shopify's REST payloads carry ids as
// JSON numbers, some beyond 2^53; JSON.stringify of a JS number would round them, so webhook
// bodies are written with this serializer, where such ids stay exact digit strings.

/** An integer written as bare digits in the JSON output. */
export class JsonInteger {
  constructor(readonly digits: string) {
    if (!/^-?\d+$/.test(digits)) throw new Error(`Not an integer: ${digits}`);
  }
}

/** A Shopify numeric id from a gid or digit string, to be written as a JSON number. */
export function idNumber(id: string): JsonInteger {
  const match = /^gid:\/\/shopify\/\w+\/(\d+)/.exec(id) ?? /^(\d+)$/.exec(id);
  if (!match?.[1]) throw new Error(`Not a Shopify id: ${id}`);
  return new JsonInteger(match[1]);
}

export type RawJsonValue = string | number | boolean | null | JsonInteger | RawJsonValue[] | { [key: string]: RawJsonValue | undefined };

export function stringifyRawJson(value: RawJsonValue): string {
  if (value instanceof JsonInteger) return value.digits;
  if (Array.isArray(value)) return `[${value.map((item) => stringifyRawJson(item)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value)
      .filter((entry): entry is [string, RawJsonValue] => entry[1] !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${stringifyRawJson(item)}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}
