// Wraps every Video API handler with what Mux does before and after it: Basic auth with the
// access token, armed faults, the `{ data }` envelope and Mux's error shape.
import { timingSafeEqual } from "node:crypto";
import type { Router, SandboxRequest } from "../http";
import { sendJson } from "../http";
import { MuxApiError, sendMuxError } from "./api-errors";
import type { FaultSwitch } from "./api-faults";

export interface ApiCredentials {
  tokenId: string;
  tokenSecret: string;
}

/**
 * What a handler returns: data for the envelope (status 200 unless told) with any other
 * top-level fields (`next_cursor`), or no body (204).
 */
export type ApiResult = { status?: number; data: unknown; alongside?: Record<string, unknown> } | typeof noContent;

export const noContent = { status: 204 } as const;

export type ApiHandler = (request: SandboxRequest) => ApiResult | Promise<ApiResult>;

function authorized(header: string | undefined, credentials: ApiCredentials): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], "base64");
  const expected = Buffer.from(`${credentials.tokenId}:${credentials.tokenSecret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function apiRoutes(router: Router, credentials: ApiCredentials, faults: FaultSwitch) {
  return (method: string, path: string, handler: ApiHandler) => {
    router.add(method, path, async (request, response) => {
      try {
        if (!authorized(request.headers.authorization, credentials)) {
          throw new MuxApiError(401, "unauthorized", ["Unauthorized request"]);
        }
        const fault = faults.take();
        if (fault) throw fault;
        const result = await handler(request);
        if (!("data" in result)) {
          response.writeHead(204);
          response.end();
          return;
        }
        sendJson(response, result.status ?? 200, { data: result.data, ...result.alongside });
      } catch (error) {
        if (error instanceof MuxApiError) return sendMuxError(response, error);
        throw error;
      }
    });
  };
}
