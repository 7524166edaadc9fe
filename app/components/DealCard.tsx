import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";

export interface ActiveDeal {
  code: string;
  label: string;
  endsAt: string;
}

interface CommandResult {
  ok: boolean;
  message?: string;
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

/** The control room's flash deal: a real Shopify discount code on the lineup, with a countdown. */
export function DealCard({ deal }: { deal: ActiveDeal | null }) {
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
          Flash deal
        </Text>
        {command.data && !command.data.ok ? <Banner tone="critical">{command.data.message}</Banner> : null}
        {deal && (secondsLeft === null || secondsLeft > 0) ? (
          <InlineStack align="space-between" blockAlign="center">
            <div role="timer" aria-live="off">
              <Text as="p">
                {`Code ${deal.code}: ${deal.label}${secondsLeft === null ? "" : `, ${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, "0")} left`}`}
              </Text>
            </div>
            <Button tone="critical" loading={command.state !== "idle"} onClick={() => command.submit({ intent: "stop_deal" }, { method: "post" })}>
              Stop deal
            </Button>
          </InlineStack>
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
