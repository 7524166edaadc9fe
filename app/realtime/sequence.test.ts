import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { claimEventSeqs } from "./sequence.server";

async function show(shop: string) {
  return prisma.show.create({ data: { shop, title: "Seq", startsAt: new Date(), status: "live" } });
}

describe("claimEventSeqs", () => {
  it("hands out distinct, gapless numbers per show under concurrent claims", async () => {
    const shop = `seq-${randomUUID().slice(0, 8)}.myshopify.com`;
    const [a, b] = [await show(shop), await show(shop)];
    const claims = await Promise.all(Array.from({ length: 40 }, () => claimEventSeqs(shop, [a.id, b.id])));
    for (const id of [a.id, b.id]) {
      const numbers = claims.map((claim) => claim.get(id) as number).sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    }
    expect((await prisma.show.findUniqueOrThrow({ where: { id: a.id } })).lastEventSeq).toBe(40);
  });

  it("gives no number to a show of another shop", async () => {
    const shop = `seq-${randomUUID().slice(0, 8)}.myshopify.com`;
    const other = await show(`seq-${randomUUID().slice(0, 8)}.myshopify.com`);
    expect(await claimEventSeqs(shop, [other.id])).toEqual(new Map());
    expect((await prisma.show.findUniqueOrThrow({ where: { id: other.id } })).lastEventSeq).toBe(0);
  });
});
