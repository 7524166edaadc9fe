/**
 * An error that carries words for the merchant or creator who ran into it: what failed and what
 * they can do, never a stack, a provider's internals or a stranger's address. `explanation` is
 * what a page shows; `message` keeps the whole story (a provider's answer, ids) for the log.
 * The app's own error classes (DealError, PayoutRunError, ConnectError, and the adapters' Mux,
 * Stripe, mail and Shopify errors) extend it; anything else a page meets is unexpected, and
 * explainError (explain-error.server.ts) answers it with generic words and an error id.
 */
export class ExplainedError extends Error {
  readonly explanation: string;

  constructor(explanation: string, options: { message?: string; cause?: unknown } = {}) {
    super(options.message ?? explanation, "cause" in options ? { cause: options.cause } : undefined);
    this.explanation = explanation;
  }
}
