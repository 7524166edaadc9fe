import prisma from "~/db.server";

export type ShowStatus = "draft" | "scheduled" | "live" | "ended" | "replay_ready" | "archived";

export interface ShowListItem {
  id: string;
  title: string;
  startsAt: string;
  status: ShowStatus;
  mode: "public" | "rehearsal";
  productCount: number;
}

export async function getShowListItems(shop: string): Promise<ShowListItem[]> {
  const shows = await prisma.show.findMany({
    where: { shop, status: { not: "archived" } },
    orderBy: { startsAt: "asc" },
    include: { _count: { select: { products: true } } },
  });
  return shows.map((show) => ({
    id: show.id,
    title: show.title,
    startsAt: show.startsAt.toISOString(),
    status: show.status as ShowStatus,
    mode: show.mode as ShowListItem["mode"],
    productCount: show._count.products,
  }));
}
