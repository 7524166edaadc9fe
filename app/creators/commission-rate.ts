// Commission rates as merchants type them (percent) and as the app stores them (basis points).
// Apart from creator-input.ts so that pages which only print a rate do not ship zod to the browser.

/** "12.5" (percent, up to two decimals) → 1250 basis points; exact, no floating point. */
export function percentToBps(percent: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(percent.trim());
  if (!match) return null;
  const bps = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return bps <= 10_000 ? bps : null;
}

/** 1250 → "12.5" */
export function bpsToPercent(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const fraction = (bps % 100).toString().padStart(2, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}
