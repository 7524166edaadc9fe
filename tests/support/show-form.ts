// The new-show form as the admin's browser posts it, for tests that make a show the way a
// merchant does: through the route, with the lineup as App Bridge's resource picker leaves it.
import { expect } from "vitest";
import type { AdminClient } from "./admin-client";

export interface LineupProduct {
  id: string;
  title: string;
  handle: string;
  imageUrl: string | null;
}

/** Posts the form; fields not given get a plain public show on 1 December at 18:00 for 45 minutes. */
export function postShowForm(admin: AdminClient, products: readonly LineupProduct[], fields: Record<string, string>): Promise<Response> {
  return admin.post("/app/shows/new", {
    description: "",
    startsAt: "2026-12-01T18:00",
    durationMinutes: "45",
    mode: "public",
    products: JSON.stringify(products.map(({ id, title, handle, imageUrl }) => ({ id, title, handle, imageUrl }))),
    ...fields,
  });
}

/** Posts the form, expects the redirect to the new show, and answers the show's id. */
export async function createShowThroughAdmin(admin: AdminClient, products: readonly LineupProduct[], fields: Record<string, string>): Promise<string> {
  return createdShowId(await postShowForm(admin, products, fields));
}

/** The id of the show the form's answer redirects to; the answer must be that redirect. */
export function createdShowId(response: Response): string {
  expect(response.status).toBe(302);
  const showId = response.headers.get("location")?.match(/\/app\/shows\/([^/?]+)/)?.[1];
  expect(showId).toBeTruthy();
  return showId as string;
}
