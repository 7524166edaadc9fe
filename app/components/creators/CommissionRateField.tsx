import { TextField } from "@shopify/polaris";

/** The commission rate as the merchant types it, in percent; the server keeps basis points. */
export function CommissionRateField({ value, onChange, error, helpText }: { value: string; onChange(value: string): void; error?: string; helpText: string }) {
  return (
    <TextField
      label="Default commission"
      name="commissionPercent"
      suffix="%"
      inputMode="decimal"
      autoComplete="off"
      value={value}
      onChange={onChange}
      error={error}
      helpText={helpText}
    />
  );
}
