// For tests only: a creator and a show with its lineup, written straight to the database.
import { randomUUID } from "node:crypto";
import prisma from "~/db.server";
import { productGidOf } from "./test-payloads";

export interface ShowFixture {
  status?: string;
  mode?: string;
  wentLiveAt?: Date | null;
  showBps?: number | null;
  creatorBps?: number;
  withCreator?: boolean;
  lineup: number[];
}

export async function createShowWithCreator(shop: string, fixture: ShowFixture) {
  const creator =
    fixture.withCreator === false
      ? null
      : await prisma.creator.create({
          data: { shop, email: `${randomUUID()}@creators.example`, name: "Ada Host", commissionBps: fixture.creatorBps ?? 1000, status: "active" },
        });
  const show = await prisma.show.create({
    data: {
      shop,
      title: "Winter knits, live",
      startsAt: new Date("2026-12-01T18:00:00Z"),
      status: fixture.status ?? "live",
      mode: fixture.mode ?? "public",
      wentLiveAt: fixture.wentLiveAt === undefined ? new Date("2026-12-01T18:02:00Z") : fixture.wentLiveAt,
      commissionBps: fixture.showBps ?? null,
      creatorId: creator?.id ?? null,
      products: {
        create: fixture.lineup.map((productNumber, position) => ({ shop, productId: productGidOf(productNumber), title: `Product ${productNumber}`, position })),
      },
    },
  });
  return { show, creator };
}
