import { describe, expect, it } from "vitest";
import { appTestEnv } from "../tests/support/app-env";
import { EnvError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("accepts a complete environment and applies defaults", () => {
    const env = parseEnv({ ...appTestEnv(), DATABASE_URL: undefined, PORT: undefined });
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.db");
    expect(env.PORT).toBe(3000);
  });

  it("names a missing variable and says what it is for", () => {
    const { SHOPIFY_API_SECRET: _omitted, ...rest } = appTestEnv();
    expect(() => parseEnv(rest)).toThrowError(EnvError);
    expect(() => parseEnv(rest)).toThrowError(/SHOPIFY_API_SECRET is missing: the app's client secret/);
  });

  it("names a malformed variable with the rule it breaks", () => {
    const error = captureEnvError({ ...appTestEnv(), STRIPE_SECRET_KEY: "pk_live_wrong", SHOPIFY_APP_URL: "not a url" });
    expect(error.problems).toEqual([
      expect.stringMatching(/^SHOPIFY_APP_URL is invalid/),
      expect.stringMatching(/^STRIPE_SECRET_KEY is invalid \(must start with sk_\)/),
    ]);
  });

  it("reads the live reconciliation interval in seconds, within what Shopify's query budget allows", () => {
    expect(parseEnv({ ...appTestEnv(), RECONCILE_INTERVAL_SECONDS: undefined }).RECONCILE_INTERVAL_SECONDS).toBe(180);
    expect(parseEnv({ ...appTestEnv(), RECONCILE_INTERVAL_SECONDS: "300" }).RECONCILE_INTERVAL_SECONDS).toBe(300);
    expect(captureEnvError({ ...appTestEnv(), RECONCILE_INTERVAL_SECONDS: "5" }).problems).toEqual([expect.stringMatching(/^RECONCILE_INTERVAL_SECONDS is invalid/)]);
  });

  it("reads when show reminders go out and how often the app looks for them", () => {
    const defaults = parseEnv({ ...appTestEnv(), REMINDER_LEAD_MINUTES: undefined, REMINDER_INTERVAL_SECONDS: undefined });
    expect([defaults.REMINDER_LEAD_MINUTES, defaults.REMINDER_INTERVAL_SECONDS]).toEqual([15, 60]);
    expect(parseEnv({ ...appTestEnv(), REMINDER_LEAD_MINUTES: "30" }).REMINDER_LEAD_MINUTES).toBe(30);
    expect(captureEnvError({ ...appTestEnv(), REMINDER_LEAD_MINUTES: "0", REMINDER_INTERVAL_SECONDS: "1" }).problems).toEqual([
      expect.stringMatching(/^REMINDER_LEAD_MINUTES is invalid/),
      expect.stringMatching(/^REMINDER_INTERVAL_SECONDS is invalid/),
    ]);
  });

  it("reads the \"Remind me\" limits per client address and per email", () => {
    const defaults = parseEnv({ ...appTestEnv(), REMINDER_SIGNUPS_PER_ADDRESS: undefined, REMINDER_CONFIRMATIONS_PER_EMAIL: undefined });
    expect([defaults.REMINDER_SIGNUPS_PER_ADDRESS, defaults.REMINDER_CONFIRMATIONS_PER_EMAIL]).toEqual([5, 3]);
    expect(captureEnvError({ ...appTestEnv(), REMINDER_SIGNUPS_PER_ADDRESS: "0", REMINDER_CONFIRMATIONS_PER_EMAIL: "many" }).problems).toEqual([
      expect.stringMatching(/^REMINDER_SIGNUPS_PER_ADDRESS is invalid/),
      expect.stringMatching(/^REMINDER_CONFIRMATIONS_PER_EMAIL is invalid/),
    ]);
  });

  it("reads how often pending usage charges are retried", () => {
    expect(parseEnv({ ...appTestEnv(), USAGE_CHARGE_RETRY_SECONDS: undefined }).USAGE_CHARGE_RETRY_SECONDS).toBe(300);
    expect(parseEnv({ ...appTestEnv(), USAGE_CHARGE_RETRY_SECONDS: "600" }).USAGE_CHARGE_RETRY_SECONDS).toBe(600);
    expect(captureEnvError({ ...appTestEnv(), USAGE_CHARGE_RETRY_SECONDS: "1" }).problems).toEqual([expect.stringMatching(/^USAGE_CHARGE_RETRY_SECONDS is invalid/)]);
  });

  it("treats an empty value as missing", () => {
    const error = captureEnvError({ ...appTestEnv(), MUX_TOKEN_ID: "" });
    expect(error.problems).toEqual([expect.stringMatching(/^MUX_TOKEN_ID is missing/)]);
  });
});

function captureEnvError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("parseEnv accepted an invalid environment");
}
