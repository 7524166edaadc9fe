import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { consumeLoginToken, describeLoginToken, issueLoginToken } from "./login-links.server";

async function creatorIn(shop: string, status = "invited") {
  return prisma.creator.create({ data: { shop, email: `${randomUUID()}@creators.example`, name: "Ada", status } });
}
const uniqueShop = () => `links-${randomUUID().slice(0, 8)}.myshopify.com`;

describe("magic links", () => {
  it("sign in once, activate an invited creator, and are spent for everyone racing for them", async () => {
    const shop = uniqueShop();
    const creator = await creatorIn(shop);
    const token = await issueLoginToken(shop, creator.id, 60_000);
    expect(await describeLoginToken(token)).toMatchObject({ creatorName: "Ada" });

    const attempts = await Promise.all(Array.from({ length: 5 }, () => consumeLoginToken(token)));
    expect(attempts.filter((attempt) => attempt.ok)).toEqual([{ ok: true, shop, creatorId: creator.id }]);
    expect(await prisma.creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({ status: "active" });
    expect(await describeLoginToken(token)).toBeNull();
  });

  it("expire", async () => {
    const shop = uniqueShop();
    const creator = await creatorIn(shop);
    const issuedAt = new Date();
    const token = await issueLoginToken(shop, creator.id, 20 * 60_000, issuedAt);
    expect((await consumeLoginToken(token, new Date(issuedAt.getTime() + 20 * 60_000))).ok).toBe(false);
  });

  it("do not sign in a deactivated creator", async () => {
    const shop = uniqueShop();
    const creator = await creatorIn(shop, "deactivated");
    const token = await issueLoginToken(shop, creator.id, 60_000);
    expect(await consumeLoginToken(token)).toEqual({ ok: false, reason: expect.stringMatching(/deactivated by the shop/) });
  });

  it("refuse tokens that are not tokens without asking the database", async () => {
    expect(await consumeLoginToken("short")).toMatchObject({ ok: false });
    expect(await consumeLoginToken("x".repeat(40) + "'; DROP TABLE")).toMatchObject({ ok: false });
  });
});
