// Mux's error envelope: {"error":{"type":"...","messages":["..."]}}. Handlers throw
// MuxApiError; the route wrapper turns it into the response.
import type { ServerResponse } from "node:http";
import type { z } from "zod";
import { sendJson } from "../http";

export class MuxApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly messages: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(messages.join("; "));
  }
}

export const notFound = () =>
  new MuxApiError(404, "not_found", ["The requested resource either doesn't exist or you don't have access to it."]);

export const invalidParameters = (...messages: string[]) => new MuxApiError(400, "invalid_parameters", messages);

export function sendMuxError(response: ServerResponse, error: MuxApiError) {
  sendJson(response, error.status, { error: { type: error.type, messages: error.messages } }, error.headers);
}

/** Parses a body with a zod schema, or throws a 400 naming each bad field. */
export function parseBody<T extends z.ZodType>(schema: T, raw: Buffer): z.output<T> {
  let json: unknown;
  try {
    json = raw.length ? JSON.parse(raw.toString("utf8")) : {};
  } catch {
    throw invalidParameters("The request body is not valid JSON.");
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  throw invalidParameters(...result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`));
}
