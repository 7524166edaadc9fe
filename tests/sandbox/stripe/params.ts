// Validation of decoded form parameters with zod, reported the way Stripe reports it
// ("Missing required param: amount.", "Received unknown parameter: foo", "Invalid integer: abc")
// with `param` in Stripe's bracket notation. Every endpoint's schema is strict: a parameter the
// sandbox does not model is refused loudly instead of being ignored.
import { z } from "zod";
import { invalidParam, type StripeApiError } from "./errors";
import { paramName, type FormObject } from "./form";

function describe(input: unknown): string {
  return typeof input === "string" ? input : JSON.stringify(input) ?? String(input);
}

export const stringParam = () => z.string({ error: (issue) => `Invalid string: ${describe(issue.input)}` });

export const integerParam = () =>
  stringParam()
    .regex(/^-?\d+$/, { error: (issue) => `Invalid integer: ${describe(issue.input)}` })
    .transform(Number);

/** Amounts in the currency's minor unit, at least 1 (Stripe's rule for transfers, payouts and top-ups). */
export const amountParam = () => integerParam().refine((amount) => amount >= 1, { error: "This value must be greater than or equal to 1." });

// Stripe counts the three-decimal currencies it supports in thousandths but moves money in them
// only in whole tens of those (the last decimal 0), and counts ISK and UGX in hundredths although
// neither has a minor unit in use, so only whole hundreds go.
const AMOUNT_STEPS: Readonly<Record<string, number>> = { bhd: 10, jod: 10, kwd: 10, omr: 10, tnd: 10, isk: 100, ugx: 100 };

/** Refuses, as Stripe does, an amount that is not a whole step of its currency (`currency` lower-case). */
export function assertAmountStep(amount: number, currency: string, param = "amount"): void {
  const step = AMOUNT_STEPS[currency] ?? 1;
  if (amount % step !== 0) {
    throw invalidParam(`Invalid ${param}: ${amount}. Amounts in ${currency} must be a multiple of ${step} (${currency} moves only in whole steps of ${step} of its smallest unit).`, param);
  }
}

export const booleanParam = () =>
  z.enum(["true", "false"], { error: (issue) => `Invalid boolean: ${describe(issue.input)}` }).transform((value) => value === "true");

export const currencyParam = () =>
  stringParam()
    .regex(/^[A-Za-z]{3}$/, { error: (issue) => `Invalid currency: ${describe(issue.input)}. Currencies are three-letter ISO codes such as usd.` })
    .transform((currency) => currency.toLowerCase());

export const enumParam = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `Invalid value ${JSON.stringify(describe(issue.input))}: must be one of ${values.join(", ")}` });

export const urlParam = () =>
  stringParam().refine((value) => URL.canParse(value), { error: "Not a valid URL" });

export const emailParam = () =>
  stringParam().regex(/^[^\s@]+@[^\s@]+$/, { error: (issue) => `Invalid email address: ${describe(issue.input)}` });

export const countryParam = () =>
  stringParam()
    .regex(/^[A-Za-z]{2}$/, { error: (issue) => `Country '${describe(issue.input)}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.` })
    .transform((country) => country.toUpperCase());

/** Stripe's metadata: a hash of strings, or "" to clear it; 50 keys, keys up to 40 and values up to 500 characters. */
export const metadataParam = () =>
  z
    .union([z.literal(""), z.record(z.string(), stringParam())], { error: "Invalid hash" })
    .superRefine((metadata, context) => {
      if (metadata === "") return;
      const keys = Object.keys(metadata);
      if (keys.length > 50) context.addIssue({ code: "custom", message: "Invalid metadata: metadata can have up to 50 keys." });
      for (const key of keys) {
        if (key.length > 40) context.addIssue({ code: "custom", path: [key], message: `Metadata keys can have up to 40 characters, but the key '${key}' has ${key.length}.` });
        const value = metadata[key] ?? "";
        if (value.length > 500) context.addIssue({ code: "custom", path: [key], message: `Metadata values can have up to 500 characters, but you passed in a value that is ${value.length} characters long.` });
      }
    });

export type MetadataUpdate = z.output<ReturnType<typeof metadataParam>>;

/** Applies Stripe's metadata update rules: "" clears everything, a key set to "" is removed, others are set. */
export function applyMetadata(current: Record<string, string>, update: MetadataUpdate | undefined): Record<string, string> {
  if (update === undefined) return current;
  if (update === "") return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === "") delete next[key];
    else next[key] = value;
  }
  return next;
}

/** `expand[]` is accepted by every endpoint; the sandbox expands nothing and says so when asked. */
export const expandParam = () => z.array(stringParam(), { error: "Invalid array" }).optional();

const createdFilter = () =>
  z.union([integerParam(), z.strictObject({ gt: integerParam().optional(), gte: integerParam().optional(), lt: integerParam().optional(), lte: integerParam().optional() })], {
    error: "Invalid timestamp or range",
  });

/** The pagination parameters every list endpoint takes. */
export const listShape = {
  limit: integerParam()
    .refine((limit) => limit >= 1, { error: "This value must be greater than or equal to 1." })
    .refine((limit) => limit <= 100, { error: "This value must be less than or equal to 100." })
    .optional(),
  starting_after: stringParam().optional(),
  ending_before: stringParam().optional(),
  created: createdFilter().optional(),
  expand: expandParam(),
};

export type CreatedFilter = z.output<ReturnType<typeof createdFilter>>;

export function parseParams<S extends z.ZodType>(schema: S, params: FormObject): z.output<S> {
  const result = schema.safeParse(params, { reportInput: true });
  if (result.success) return result.data;
  throw toStripeError(result.error.issues);
}

function toStripeError(issues: ReadonlyArray<z.core.$ZodIssue>): StripeApiError {
  // Stripe names an unknown parameter before anything else that is wrong with the request.
  const unknown = issues.find((issue) => issue.code === "unrecognized_keys");
  if (unknown && unknown.code === "unrecognized_keys") {
    const param = paramName([...unknown.path, unknown.keys[0] ?? ""]);
    return invalidParam(`Received unknown parameter: ${param} (the Stripe sandbox does not accept it)`, param, "parameter_unknown");
  }
  const issue = issues[0];
  if (!issue) return invalidParam("Invalid request");
  const param = paramName(issue.path);
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return invalidParam(`Missing required param: ${param}.`, param, "parameter_missing");
  }
  return invalidParam(issue.message, param);
}
