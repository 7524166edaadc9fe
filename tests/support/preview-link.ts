// A show's private preview link, made as the merchant makes it: "New link" in the control room.
import { expect } from "vitest";
import prisma from "~/db.server";
import { activePreviewToken } from "~/shows/preview-link.server";
import type { AdminClient } from "./admin-client";

export interface PreviewLink {
  /** What the link carries as `live_preview`, and the bootstrap as `preview`. */
  token: string;
  expiresAt: Date;
}

/** Runs "New link" on the show page and returns the link the page now shows. */
export async function newPreviewLink(admin: AdminClient, shop: string, showId: string): Promise<PreviewLink> {
  const response = await admin.post(`/app/shows/${showId}`, { intent: "new_preview_link" });
  expect(response.status).toBe(200);
  const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop } });
  const link = activePreviewToken(shop, showId, show);
  expect(link, "the show has a preview link after New link").not.toBeNull();
  return link!;
}
