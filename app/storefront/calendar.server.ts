import prisma from "~/db.server";
import { calendarFileName, showCalendar } from "./ics";
import { storefrontPage } from "./storefront-page";

export type CalendarAnswer = { found: true; fileName: string; body: string } | { found: false; error: string };

/** The .ics of a public show that has not ended (upcoming, or live for a late-comer's calendar). */
export async function showCalendarFile(shop: string, showId: string, pageUrl: string | undefined): Promise<CalendarAnswer> {
  const [show, shopRow] = await Promise.all([
    prisma.show.findFirst({ where: { id: showId, shop, mode: "public", status: { in: ["scheduled", "live"] } } }),
    prisma.shop.findUnique({ where: { domain: shop }, select: { name: true, storefrontOrigins: true } }),
  ]);
  if (!show) return { found: false, error: `${shop} has no upcoming show ${showId}` };
  const body = showCalendar({
    id: show.id,
    shop,
    shopName: shopRow?.name || shop,
    title: show.title,
    description: show.description,
    startsAt: show.startsAt,
    durationMinutes: show.durationMinutes,
    url: storefrontPage(shop, shopRow?.storefrontOrigins ?? "", pageUrl),
  });
  return { found: true, fileName: calendarFileName(show.title), body };
}
