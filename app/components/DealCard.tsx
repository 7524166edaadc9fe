import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { ShowDealFields, type ShowDealDefaults } from "./ShowDealFields";

export interface ActiveDeal {
  id: string;
  code: string;
  label: string;
  startsAt: string;
  startsAtLabel: string;
  endsAt: string;
  scheduled: boolean;
  /** Why Shopify refused the code; the deal waits for a retry. */
  failure: string | null;
}

interface CommandResult {
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
}

/** A deal whose code Shopify refused: the merchant reads why, may change the code, and tries again. */
function RefusedDeal({ deal }: { deal: ActiveDeal }) {
  const command = useFetcher<CommandResult>();
  const [code, setCode] = useState(deal.code);
  const failure = command.data && !command.data.ok ? command.data.message : deal.failure;
  return (
    <BlockStack gap="300">
      <Banner tone="critical" title="The show deal was not created in Shopify">
        <p>{failure}</p>
      </Banner>
      <Text as="p">{`${deal.label}, from ${deal.startsAtLabel}`}</Text>
      <TextField label="Discount code" value={code} onChange={setCode} autoComplete="off" error={command.data?.errors?.code} />
      <InlineStack gap="200">
        <Button variant="primary" loading={command.state !== "idle"} onClick={() => command.submit({ intent: "retry_deal", dealId: deal.id, code }, { method: "post" })}>
          Try again
        </Button>
        <Button onClick={() => command.submit({ intent: "stop_deal", dealId: deal.id }, { method: "post" })}>Cancel deal</Button>
      </InlineStack>
    </BlockStack>
  );
}

/** Before the show goes live, a deal is planned for a window, the same way as on the show form. */
function PlanDeal({ currency, timezone, defaults }: { currency: string; timezone: string; defaults: ShowDealDefaults }) {
  const command = useFetcher<CommandResult>();
  return (
    <command.Form method="post">
      <input type="hidden" name="intent" value="plan_deal" />
      <BlockStack gap="300">
        {command.data && !command.data.ok ? <Banner tone="critical">{command.data.message}</Banner> : null}
        <ShowDealFields currency={currency} timezone={timezone} defaults={defaults} errors={command.data?.errors ?? {}} />
        <InlineStack>
          <Button submit variant="primary" loading={command.state !== "idle"}>
            Schedule deal
          </Button>
        </InlineStack>
      </BlockStack>
    </command.Form>
  );
}

/** Null until the browser has a clock: the server's time would not match the hydrated page. */
function useSecondsLeft(endsAt: string | undefined): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (!endsAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endsAt]);
  if (!endsAt || now === null) return null;
  return Math.max(0, Math.round((Date.parse(endsAt) - now) / 1000));
}

/**
 * The control room's deal: a real Shopify discount code on the lineup. Live, a flash deal with a
 * countdown; before the show, the scheduled deal (cancellable) or a form to plan one.
 */
export function DealCard({
  deal,
  live,
  planning,
}: {
  deal: ActiveDeal | null;
  live: boolean;
  planning: { currency: string; timezone: string; defaults: ShowDealDefaults };
}) {
  const command = useFetcher<CommandResult>();
  const [kind, setKind] = useState("percentage");
  const [amount, setAmount] = useState("20");
  const [minutes, setMinutes] = useState("10");
  const secondsLeft = useSecondsLeft(deal?.endsAt);

  function start() {
    command.submit({ intent: "start_deal", kind, amount, minutes }, { method: "post" });
  }

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {live ? "Flash deal" : "Show deal"}
        </Text>
        {command.data && !command.data.ok ? <Banner tone="critical">{command.data.message}</Banner> : null}
        {deal?.failure ? (
          <RefusedDeal key={deal.id} deal={deal} />
        ) : deal?.scheduled ? (
          <InlineStack align="space-between" blockAlign="center">
            <Text as="p">{`Scheduled: ${deal.label}, starts ${deal.startsAtLabel} (code ${deal.code})`}</Text>
            <Button tone="critical" loading={command.state !== "idle"} onClick={() => command.submit({ intent: "stop_deal", dealId: deal.id }, { method: "post" })}>
              Cancel deal
            </Button>
          </InlineStack>
        ) : deal && (secondsLeft === null || secondsLeft > 0) ? (
          <InlineStack align="space-between" blockAlign="center">
            <div role="timer" aria-live="off">
              <Text as="p">
                {`Code ${deal.code}: ${deal.label}${secondsLeft === null ? "" : `, ${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, "0")} left`}`}
              </Text>
            </div>
            <Button tone="critical" loading={command.state !== "idle"} onClick={() => command.submit({ intent: "stop_deal", dealId: deal.id }, { method: "post" })}>
              Stop deal
            </Button>
          </InlineStack>
        ) : !live ? (
          <PlanDeal {...planning} />
        ) : (
          <FormLayout>
            <FormLayout.Group condensed>
              <Select
                label="Discount"
                value={kind}
                onChange={setKind}
                options={[
                  { label: "Percentage", value: "percentage" },
                  { label: "Fixed amount per item", value: "fixed_amount" },
                ]}
              />
              <TextField label={kind === "percentage" ? "Percent off" : "Amount off"} type="number" value={amount} onChange={setAmount} autoComplete="off" />
              <TextField label="Runs for (minutes)" type="number" value={minutes} onChange={setMinutes} autoComplete="off" />
            </FormLayout.Group>
            <Button variant="primary" loading={command.state !== "idle"} onClick={start}>
              Start deal
            </Button>
          </FormLayout>
        )}
      </BlockStack>
    </Card>
  );
}
