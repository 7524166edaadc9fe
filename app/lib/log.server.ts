// The app's log: pino, JSON lines in production (what a log pipeline reads), readable lines in
// development. What reaches it is scrubbed first: emails, sign-in and viewer tokens, secrets in
// URLs, bearer tokens and Mux stream keys never land in a log, wherever they hide (a field, a
// message, an error's text or stack).
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";

const SECRET_KEYS = ["accessToken", "access_token", "token", "streamKey", "stream_key", "secret", "password", "apiKey", "authorization", "cookie", "email"];

const SCRUBBERS: Array<[RegExp, string]> = [
  [/[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi, "[email]"],
  [/\b(token|key|secret|signature|password|code|hmac)=([^&\s"']+)/gi, "$1=[redacted]"],
  [/\bBearer\s+[^\s"']+/gi, "Bearer [redacted]"],
  // Mux stream keys sit last in an RTMP(S) ingest URL.
  [/(rtmps?:\/\/[^\s"']+\/)[^\s/"']+/gi, "$1[redacted]"],
];

export function scrub(text: string): string {
  return SCRUBBERS.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: value.stack ? scrub(value.stack) : undefined };
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, SECRET_KEYS.includes(key) ? "[redacted]" : scrubValue(item, depth + 1)]),
  );
}

export function logOptions(environment = process.env.NODE_ENV): LoggerOptions {
  return {
    level: process.env.LOG_LEVEL ?? (environment === "test" ? "warn" : "info"),
    base: undefined,
    serializers: { err: (error: unknown) => scrubValue(error) },
    formatters: { log: (object) => scrubValue(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === "string" ? scrub(arg) : arg)) as Parameters<typeof method>);
      },
    },
  };
}

/**
 * A logger writing to `destination` (stdout unless given); readable lines in development, where
 * pino-pretty is installed with the dev dependencies.
 */
export function createLogger(destination?: DestinationStream, environment = process.env.NODE_ENV): Logger {
  if (!destination && environment === "development") {
    return pino({ ...logOptions(environment), transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } } });
  }
  return pino(logOptions(environment), destination ?? pino.destination({ sync: environment === "test" }));
}

declare global {
  // One logger per process, also across Vite's module reloads in development.
  var liveShowsLog: Logger | undefined;
}

export const log: Logger = (globalThis.liveShowsLog ??= createLogger());
