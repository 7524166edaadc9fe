// Reading JSON whose integers may not fit a double. Shoppers' scripts post variant ids as JSON
// numbers and the sandbox's ids go past Number.MAX_SAFE_INTEGER on purpose: such integers are
// read from their source text instead of being rounded (writing them: raw-json.ts).

/** JSON.parse's reviver gets the source text of primitives on Node ≥ 21 (the third argument). */
type ReviverContext = { source?: string } | undefined;

/** Parses JSON; integers outside the safe range come back as their decimal string. */
export function parseExact(text: string): unknown {
  const reviver = (_key: string, value: unknown, context?: ReviverContext): unknown =>
    typeof value === "number" && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)
      ? context.source
      : value;
  // The lib typings predate the third reviver argument, hence the cast.
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
}
