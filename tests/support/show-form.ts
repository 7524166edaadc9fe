// The new-show form as the admin's browser posts it, for tests that make a show the way a
// merchant does: through the route, with the lineup as App Bridge's resource picker leaves it.
import { expect } from "vitest";
import type { AdminClient } from "./admin-client";
import { futureUtcHour, utcWallClock } from "./clock";

export interface LineupProduct {
  id: string;
  title: string;
  handle: string;
  imageUrl: string | null;
}

/**
 * Posts the form; fields not given get a plain public show of 45 minutes at 18:00 on the shop's
 * wall clock, 30 days from now (a deal "from the show's start" is then in the future too). A test
 * that checks the show's time passes its own `startsAt`.
 */
export function postShowForm(admin: AdminClient, products: readonly LineupProduct[], fields: Record<string, string>): Promise<Response> {
  return admin.post("/app/shows/new", {
    description: "",
    startsAt: utcWallClock(futureUtcHour(30)),
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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** How the admin writes a day of the shop's calendar ("YYYY-MM-DD"): the first of December 2026 is "Dec 1, 2026". */
export function adminDateLabel(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`adminDateLabel takes "YYYY-MM-DD", not ${JSON.stringify(day)}`);
  const [, year, month, date] = match as unknown as [string, string, string, string];
  return `${MONTHS[Number(month) - 1]} ${Number(date)}, ${year}`;
}

/**
 * How the admin writes a show's wall-clock time ("YYYY-MM-DDTHH:mm" in the shop's timezone):
 * 18:00 on the first of December 2026 is "Dec 1, 2026, 6:00 PM". Spelled out here, not with the
 * app's formatter, so a test comparing the two can fail.
 */
export function adminTimeLabel(local: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new Error(`adminTimeLabel takes "YYYY-MM-DDTHH:mm", not ${JSON.stringify(local)}`);
  const [, year, month, day, hour, minute] = match as unknown as [string, string, string, string, string, string];
  const hours = Number(hour);
  return `${MONTHS[Number(month) - 1]} ${Number(day)}, ${year}, ${hours % 12 || 12}:${minute} ${hours < 12 ? "AM" : "PM"}`;
}
