// What reading a signed webhook body comes to, for the adapters that verify one (Mux, Stripe):
// the event, or why not in the sender's terms. A missing, forged or stale signature is an
// authentication failure (401); a signed body that cannot be read is a malformed request (400).
export type SignedWebhook<T> = { ok: true; event: T } | { ok: false; status: 400 | 401; reason: string };

export function refusedWebhook(refusal: { status: 400 | 401; reason: string }): Response {
  return Response.json({ error: refusal.reason }, { status: refusal.status });
}
