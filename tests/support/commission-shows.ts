// For tests only: a creator and a show with its lineup, written straight to the database.
import { randomUUID } from "node:crypto";
import prisma from "../../app/db.server";
import { fromNow, shifted } from "./clock";
import { productGidOf } from "./order-payloads";

export interface ShowFixture {
  status?: string;
  mode?: string;
  wentLiveAt?: Date | null;
  showBps?: number | null;
  creatorBps?: number;
  withCreator?: boolean;
  lineup: number[];
}

/**
 * The show started an hour ago and went live two minutes later unless `wentLiveAt` says
 * otherwise, so the default orders of test-payloads.ts were placed while it was live.
 */
export async function createShowWithCreator(shop: string, fixture: ShowFixture) {
  const startsAt = fromNow({ hours: -1 });
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
      startsAt,
      status: fixture.status ?? "live",
      mode: fixture.mode ?? "public",
      wentLiveAt: fixture.wentLiveAt === undefined ? shifted(startsAt, { minutes: 2 }) : fixture.wentLiveAt,
      commissionBps: fixture.showBps ?? null,
      creatorId: creator?.id ?? null,
      products: {
        create: fixture.lineup.map((productNumber, position) => ({ shop, productId: productGidOf(productNumber), title: `Product ${productNumber}`, position })),
      },
    },
  });
  return { show, creator };
}
