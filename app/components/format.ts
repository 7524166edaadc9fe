import { formatMinorUnits } from "~/commissions/money";
import { bpsToPercent } from "~/creators/creator-input";

/** 3781 EUR → "37.81 EUR": exact digits from minor units, the currency code spelled out for screen readers and statements alike. */
export function formatMoney(minor: number, currency: string): string {
  return `${formatMinorUnits(minor, currency)} ${currency}`;
}

/** 1250 basis points → "12.5 %" */
export function formatRate(bps: number): string {
  return `${bpsToPercent(bps)} %`;
}
