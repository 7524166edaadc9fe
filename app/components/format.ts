import { bpsToPercent } from "~/creators/commission-rate";

/** 1250 basis points → "12.5 %" */
export function formatRate(bps: number): string {
  return `${bpsToPercent(bps)} %`;
}
