// What the chat tests send through the embedded admin, and the check that a refused chat request
// wrote nothing.
import { expect } from "vitest";
import type { AdminClient } from "./admin-client";
import { shopData } from "./shop-data";

export interface ModerationAnswer {
  ok?: boolean;
  message?: string;
  error?: string;
}

/** A control-room chat command through the embedded admin, as the show page's buttons send it. */
export async function moderateChat(admin: AdminClient, showId: string, form: Record<string, string>, status = 200): Promise<ModerationAnswer> {
  const response = await admin.post(`/app/shows/${showId}/chat`, form);
  const answer = (await response.json()) as ModerationAnswer;
  expect(response.status, JSON.stringify(answer)).toBe(status);
  return answer;
}

/** Sends a refused request: its status and reason, and that the shop's rows did not change. */
export async function refusedWithoutWriting(shop: string, send: () => Promise<Response>, status: number, reason: string): Promise<Response> {
  const before = await shopData([shop]);
  const response = await send();
  const body = (await response.json()) as { error: string; reason: string };
  expect(response.status, body.error).toBe(status);
  expect(body).toEqual({ error: expect.any(String), reason });
  expect(await shopData([shop])).toEqual(before);
  return response;
}
