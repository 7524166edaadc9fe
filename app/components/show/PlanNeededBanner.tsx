import { Banner } from "@shopify/polaris";
import { BILLING_PERIOD_DAYS, PLAN } from "~/shopify/app-plan";
import { formatMoney } from "~/lib/money";

/** Said before the merchant is on air: a public show needs a plan, a rehearsal does not. */
export function PlanNeededBanner({ held }: { held: boolean }) {
  const price = `${formatMoney(
    PLAN.recurringMinor,
    PLAN.currency
  )} every ${BILLING_PERIOD_DAYS} days, plus ${formatMoney(
    PLAN.perShowMinor,
    PLAN.currency
  )} for each show that goes live`;
  return held ? (
    <Banner
      tone="critical"
      title="Your encoder is connected, but shoppers can’t see you"
      action={{ content: "Choose a plan", url: "/app/plan" }}
    >
      <p>{`Going live in public needs the Live Shows plan (${price}). Choose a plan and this show goes on air right away. Rehearsals are free.`}</p>
    </Banner>
  ) : (
    <Banner
      tone="warning"
      title="Choose a plan before you go live"
      action={{ content: "Choose a plan", url: "/app/plan" }}
    >
      <p>{`This show goes on air when your encoder connects only if your shop has the Live Shows plan (${price}). Without a plan, shoppers won’t see it. Rehearsals are free.`}</p>
    </Banner>
  );
}
