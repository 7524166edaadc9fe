// Secret-key authentication as Stripe does it: `Authorization: Bearer sk_...` (or HTTP Basic with
// the key as user name, as curl -u sends it), answered with 401 when missing or wrong.
import { StripeApiError } from "./errors";

/** Masks a key the way Stripe echoes it in errors: its prefix and last four characters. */
export function redactKey(key: string): string {
  const prefix = /^(?:sk|rk|pk)_(?:test|live)_/.exec(key)?.[0] ?? "";
  const rest = key.slice(prefix.length);
  return `${prefix}${"*".repeat(Math.max(0, rest.length - 4))}${rest.slice(-4)}`;
}

function unauthorized(message: string): StripeApiError {
  return new StripeApiError({ status: 401, type: "invalid_request_error", message, storedForIdempotency: false });
}

export function presentedKey(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme, value = ""] = authorization.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? "")) return value;
  if (/^basic$/i.test(scheme ?? "")) return Buffer.from(value, "base64").toString("utf8").split(":")[0];
  return undefined;
}

/** Returns the error to answer with, or null when the request carries the configured secret key. */
export function authenticate(authorization: string | undefined, secretKey: string): StripeApiError | null {
  const key = presentedKey(authorization);
  if (!key) {
    return unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (key !== secretKey) return unauthorized(`Invalid API Key provided: ${redactKey(key)}`);
  return null;
}
