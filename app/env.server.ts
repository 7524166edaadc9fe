import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./db/driver-adapter.server";
import { parseTrustedProxies } from "~/lib/client-address";

const url = z.string().url();
const secret = z.string().min(8, "must be at least 8 characters");

/** Each variable with what it is for: the message a person sees when it is wrong. */
const variables = {
  NODE_ENV: {
    schema: z.enum(["development", "production", "test"]).default("development"),
    purpose: "the runtime mode",
  },
  SHOPIFY_API_KEY: { schema: z.string().min(1), purpose: "the app's client id from the Partner Dashboard" },
  SHOPIFY_API_SECRET: {
    schema: secret,
    purpose: "the app's client secret, which signs webhooks, app-proxy requests and session tokens",
  },
  SHOPIFY_APP_URL: { schema: url, purpose: "the public https URL where Shopify reaches this app" },
  SCOPES: {
    schema: z.string().min(1).default("read_products,read_inventory,read_orders,write_discounts,read_locations"),
    purpose: "the Admin API access scopes, the same as in shopify.app.toml",
  },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql://")
      .default(DEFAULT_DATABASE_URL),
    purpose: "where the app keeps its data (a SQLite file or a PostgreSQL server)",
  },
  REDIS_URL: {
    schema: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
    purpose: "the Redis server that carries realtime events between app instances",
  },
  MUX_TOKEN_ID: { schema: z.string().min(1), purpose: "the Mux access token id used to create live streams" },
  MUX_TOKEN_SECRET: { schema: z.string().min(1), purpose: "the Mux access token secret" },
  MUX_WEBHOOK_SECRET: { schema: secret, purpose: "the signing secret that verifies Mux webhooks" },
  MUX_BASE_URL: { schema: url.optional(), purpose: "the Mux API origin (set only for the sandbox)" },
  MUX_STREAM_URL: { schema: url.default("https://stream.mux.com"), purpose: "where players fetch HLS playlists by playback id" },
  MUX_IMAGE_URL: { schema: url.default("https://image.mux.com"), purpose: "where posters and thumbnails are fetched by playback id" },
  STRIPE_SECRET_KEY: { schema: z.string().regex(/^sk_/, "must start with sk_"), purpose: "the Stripe platform key that pays creators" },
  STRIPE_WEBHOOK_SECRET: { schema: z.string().regex(/^whsec_/, "must start with whsec_"), purpose: "the signing secret that verifies Stripe webhooks" },
  STRIPE_API_URL: { schema: url.optional(), purpose: "the Stripe API origin (set only for the sandbox)" },
  SHOPIFY_SANDBOX_URL: {
    schema: url.optional(),
    purpose: "the sandbox Shopify emulator that stands in for every *.myshopify.com shop (never set in production)",
  },
  APP_BRIDGE_URL: {
    schema: url.optional(),
    purpose: "the App Bridge script the embedded admin loads (set only for the sandbox; Shopify's CDN otherwise)",
  },
  APP_SECRET: { schema: secret, purpose: "the key that signs viewer tokens, preview links and creator sessions" },
  SHOPIFY_BILLING_TEST: {
    schema: z.enum(["true", "false"]).optional(),
    purpose:
      "true makes the app's plan and usage charges Shopify test charges, which bill nobody; unset means true outside production, so development and review stores are never billed",
  },
  MAIL_URL: {
    schema: z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps:// (user:password@host:port)")
      .optional(),
    purpose: "where creator invitations, sign-in links and show reminders are sent from; without it the app cannot email creators or shoppers",
  },
  MAIL_FROM: {
    schema: z.string().min(3).default("Live Shows <no-reply@live-shows.invalid>"),
    purpose: "the From address of creator emails, e.g. Live Shows <hello@example.com>",
  },
  CRON_SECRET: {
    schema: secret.optional(),
    purpose: "the bearer token a scheduler presents to POST /jobs/payouts (scheduled payout runs), /jobs/reconcile, /jobs/reminders and /jobs/usage-charges; unset disables those endpoints",
  },
  RECONCILE_INTERVAL_SECONDS: {
    // Each pass reads every live lineup through the Admin API: often enough that a lost webhook
    // is not felt for long, rarely enough that a busy shop's query budget is left to the app's other work.
    schema: z.coerce.number().int().min(30).max(3600).default(180),
    purpose: "how often, in seconds (30 to 3600), the stock of each live show's lineup is read again from Shopify to repair what webhooks missed",
  },
  REMINDER_LEAD_MINUTES: {
    schema: z.coerce.number().int().min(1).max(1440).default(15),
    purpose: "how many minutes (1 to 1440) before a show starts its \"Remind me\" emails go out",
  },
  REMINDER_INTERVAL_SECONDS: {
    // A reminder goes out up to one interval later than the lead time says, so keep it well under it.
    schema: z.coerce.number().int().min(10).max(3600).default(60),
    purpose: "how often, in seconds (10 to 3600), the app looks for show reminders that are due to be emailed",
  },
  REMINDER_SIGNUPS_PER_ADDRESS: {
    // Counted per client address, which many shoppers can share (an office, a mobile carrier's NAT).
    schema: z.coerce.number().int().min(1).max(10_000).default(5),
    purpose: "how many \"Remind me\" sign-ups (1 to 10000) one client address may make in 10 minutes; more are answered 429",
  },
  REMINDER_CONFIRMATIONS_PER_EMAIL: {
    schema: z.coerce.number().int().min(1).max(10_000).default(3),
    purpose: "how many reminder confirmation emails (1 to 10000) one email address may be sent in a day, across all shops; more are answered 429",
  },
  USAGE_CHARGE_RETRY_SECONDS: {
    // A pending charge is one Shopify did not answer; it is owed either way, so there is no hurry,
    // but the plan page should not show it pending for long.
    schema: z.coerce.number().int().min(30).max(86_400).default(300),
    purpose: "how often, in seconds (30 to 86400), the app retries the usage charges of shows Shopify did not confirm",
  },
  ANALYTICS_FLUSH_SECONDS: {
    // What an instance holds in memory between flushes is lost if it crashes (a clean stop
    // flushes): short enough that little is lost, long enough that 10,000 viewers cost a few writes.
    schema: z.coerce.number().int().min(1).max(60).default(5),
    purpose: "how often, in seconds (1 to 60), the viewer events each instance has summed are written to the database",
  },
  TRUSTED_PROXIES: {
    schema: z
      .string()
      .optional()
      .superRefine((value, context) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          context.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    purpose:
      "the load balancers or proxies in front of the app, as IP addresses or CIDR ranges separated by commas (e.g. 10.0.0.0/8); only through them is X-Forwarded-For believed for per-viewer limits",
  },
  BODY_LIMIT_WEBHOOK_BYTES: {
    schema: z.coerce.number().int().min(1024).default(1 << 20),
    purpose: "the largest webhook body the app reads, in bytes (at least 1024); larger ones are refused with 413 before they are read",
  },
  BODY_LIMIT_OTHER_BYTES: {
    schema: z.coerce.number().int().min(1024).default(64 << 10),
    purpose: "the largest body of any other request (forms, app-proxy posts), in bytes (at least 1024)",
  },
  PORT: { schema: z.coerce.number().int().positive().default(3000), purpose: "the port the server listens on" },
} as const;

type Variables = typeof variables;
export type Env = { [K in keyof Variables]: z.output<Variables[K]["schema"]> };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`The app cannot start; fix these environment variables (see .env.example):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const problems: string[] = [];
  const env: Record<string, unknown> = {};
  for (const [name, { schema, purpose }] of Object.entries(variables)) {
    const raw = source[name] === "" ? undefined : source[name];
    const result = (schema as z.ZodType).safeParse(raw);
    if (result.success) {
      env[name] = result.data;
    } else {
      const reason = raw === undefined ? "is missing" : `is invalid (${result.error.issues[0]?.message ?? "bad value"})`;
      problems.push(`${name} ${reason}: ${purpose}.`);
    }
  }
  if (problems.length) throw new EnvError(problems);
  return env as Env;
}

/** Whether the app's charges to merchants are test charges (see SHOPIFY_BILLING_TEST). */
export function billingIsTest(config: Pick<Env, "NODE_ENV" | "SHOPIFY_BILLING_TEST">): boolean {
  return config.SHOPIFY_BILLING_TEST === undefined ? config.NODE_ENV !== "production" : config.SHOPIFY_BILLING_TEST === "true";
}

let cached: Env | undefined;

/** The validated environment, read once at boot; a bad variable stops the app with its name. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
