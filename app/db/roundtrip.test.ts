import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { futureUtcHour } from "../../tests/support/clock";
import { databaseProvider } from "./driver-adapter.server";

describe(`Prisma on ${databaseProvider(process.env.DATABASE_URL ?? "")}`, () => {
  it("writes and reads a show with its lineup, keeping ids, dates and order", async () => {
    const shop = `roundtrip-${randomUUID()}.myshopify.com`;
    const startsAt = futureUtcHour(7);
    const created = await prisma.show.create({
      data: {
        shop,
        title: "Winter knits",
        startsAt,
        products: {
          create: [
            { shop, productId: "gid://shopify/Product/9007199254741001", title: "Wool scarf", position: 1 },
            { shop, productId: "gid://shopify/Product/2", title: "Beanie", position: 0 },
          ],
        },
      },
    });
    const read = await prisma.show.findFirstOrThrow({
      where: { id: created.id, shop },
      include: { products: { orderBy: { position: "asc" } } },
    });
    expect(read.startsAt.toISOString()).toBe(startsAt.toISOString());
    expect(read.products.map((p) => p.productId)).toEqual(["gid://shopify/Product/2", "gid://shopify/Product/9007199254741001"]);
    await prisma.show.delete({ where: { id: created.id } });
    expect(await prisma.showProduct.count({ where: { shop } })).toBe(0);
  });
});
