import { FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { DealAmountError, dealValue, fixedAmountWarning, suggestDealCode, type DealKind } from "~/shows/show-deal";

export interface ShowDealDefaults {
  /** The show's title: the code is suggested from it until the merchant types their own. */
  title: string;
  /** The show's expected length: the deal's default length until the merchant types their own. */
  durationMinutes: string;
  /** The lineup's lowest prices in minor units, for the warning about a deal that makes a product free. */
  lineupPricesMinor: number[];
}

function amountWarning(kind: DealKind, amount: string, currency: string, prices: number[]): string | null {
  if (kind !== "fixed_amount") return null;
  try {
    return fixedAmountWarning(dealValue(kind, amount, currency), prices, currency);
  } catch (error) {
    if (error instanceof DealAmountError) return null;
    throw error;
  }
}

/** The deal's kind, value, code and window, posted as the deal* fields that showDealInput reads. */
export function ShowDealFields({
  currency,
  timezone,
  defaults,
  errors,
}: {
  currency: string;
  timezone: string;
  defaults: ShowDealDefaults;
  errors: Record<string, string>;
}) {
  const [kind, setKind] = useState<DealKind>("percentage");
  const [amount, setAmount] = useState("20");
  const [code, setCode] = useState<string | null>(null);
  const [window, setWindow] = useState("show");
  const [minutes, setMinutes] = useState<string | null>(null);
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const warning = amountWarning(kind, amount, currency, defaults.lineupPricesMinor);
  return (
    <FormLayout>
      <FormLayout.Group condensed>
        <Select
          label="Discount"
          name="dealKind"
          value={kind}
          onChange={(value) => setKind(value as DealKind)}
          options={[
            { label: "Percentage off", value: "percentage" },
            { label: `Fixed amount off each item (${currency})`, value: "fixed_amount" },
          ]}
          error={errors.dealKind}
        />
        <TextField
          label={kind === "percentage" ? "Percent off" : `Amount off (${currency})`}
          name="dealAmount"
          inputMode="decimal"
          value={amount}
          onChange={setAmount}
          suffix={kind === "percentage" ? "%" : currency}
          autoComplete="off"
          error={errors.dealAmount}
        />
      </FormLayout.Group>
      {warning ? (
        <Text as="p" tone="caution">
          {warning}
        </Text>
      ) : null}
      <TextField
        label="Discount code"
        name="dealCode"
        value={code ?? suggestDealCode(defaults.title)}
        onChange={setCode}
        autoComplete="off"
        helpText="Shoppers enter this at checkout; the storefront applies it for viewers of the show."
        error={errors.dealCode ?? errors.code}
      />
      <Select
        label="Runs"
        name="dealWindow"
        value={window}
        onChange={setWindow}
        options={[
          { label: "From the show's start", value: "show" },
          { label: "Between a start and an end I choose", value: "custom" },
        ]}
        error={errors.dealWindow}
      />
      {window === "show" ? (
        <TextField
          label="For (minutes)"
          name="dealMinutes"
          type="number"
          value={minutes ?? defaults.durationMinutes}
          onChange={setMinutes}
          autoComplete="off"
          error={errors.dealMinutes}
        />
      ) : (
        <FormLayout.Group>
          <TextField
            label={`Deal starts (${timezone})`}
            name="dealStartsAt"
            type="datetime-local"
            value={startsAt}
            onChange={setStartsAt}
            autoComplete="off"
            error={errors.dealStartsAt}
          />
          <TextField
            label={`Deal ends (${timezone})`}
            name="dealEndsAt"
            type="datetime-local"
            value={endsAt}
            onChange={setEndsAt}
            autoComplete="off"
            error={errors.dealEndsAt}
          />
        </FormLayout.Group>
      )}
    </FormLayout>
  );
}
