// The parts of shopify.app.toml the emulator honours: scopes, webhook subscriptions and the
// app proxy. Reading the app's own file keeps the sandbox and the app's declarations in step.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { z } from "zod";

const ROOT = path.resolve(import.meta.dirname, "../../..");
export const APP_TOML_PATH = path.join(ROOT, "shopify.app.toml");

const tomlSchema = z.object({
  client_id: z.string(),
  application_url: z.string().optional(),
  access_scopes: z.object({ scopes: z.string() }).optional(),
  webhooks: z
    .object({
      api_version: z.string(),
      subscriptions: z
        .array(
          z.object({
            topics: z.array(z.string()).optional(),
            compliance_topics: z.array(z.string()).optional(),
            uri: z.string(),
          }),
        )
        .default([]),
    })
    .optional(),
  app_proxy: z.object({ url: z.string(), subpath: z.string(), prefix: z.string() }).optional(),
});

export interface WebhookSubscriptionConfig {
  topic: string;
  /** As written in the toml: relative to the app URL, or absolute. */
  uri: string;
  compliance: boolean;
}

export interface AppConfig {
  clientId: string;
  scopes: string[];
  webhookApiVersion: string;
  subscriptions: WebhookSubscriptionConfig[];
  appProxy: { url: string; subpath: string; prefix: string } | undefined;
}

export function readAppConfig(file: string = APP_TOML_PATH): AppConfig {
  const toml = tomlSchema.parse(parse(readFileSync(file, "utf8")));
  const subscriptions = (toml.webhooks?.subscriptions ?? []).flatMap((subscription) => [
    ...(subscription.topics ?? []).map((topic) => ({ topic, uri: subscription.uri, compliance: false })),
    ...(subscription.compliance_topics ?? []).map((topic) => ({ topic, uri: subscription.uri, compliance: true })),
  ]);
  return {
    clientId: toml.client_id,
    scopes: (toml.access_scopes?.scopes ?? "").split(",").map((scope) => scope.trim()).filter(Boolean),
    webhookApiVersion: toml.webhooks?.api_version ?? "2026-07",
    subscriptions,
    appProxy: toml.app_proxy,
  };
}

/** A subscription's delivery URL: a relative uri is appended to the app URL, as Shopify's CLI does. */
export function deliveryUrl(appUrl: string, uri: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return uri;
  return `${appUrl.replace(/\/+$/, "")}/${uri.replace(/^\/+/, "")}`;
}
