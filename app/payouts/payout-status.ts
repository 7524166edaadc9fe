// The words and badge tones for a payout's status, one vocabulary for the merchant's payouts page
// and the statements merchants and creators read (the CSV keeps the stored value).

export type PayoutStatusTone = "success" | "info" | "critical" | "attention";

const PAYOUT_STATUS: Record<string, { label: string; tone?: PayoutStatusTone }> = {
  pending: { label: "Waiting for Stripe", tone: "attention" },
  created: { label: "Transfer created", tone: "info" },
  paid: { label: "Paid", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
  reversed: { label: "Reversed", tone: "critical" },
  netted: { label: "Netted to zero" },
};

/** "Transfer created" for created; a status this app does not know is shown as it is stored. */
export function payoutStatusLabel(status: string): string {
  return PAYOUT_STATUS[status]?.label ?? status;
}

export function payoutStatusTone(status: string): PayoutStatusTone | undefined {
  return PAYOUT_STATUS[status]?.tone;
}
