// The show's host as the merchant picks it in the embedded admin: one of the shop's creators
// (who then earns the show's commission), someone else by name, or nobody yet; on the new-show
// form and on the show page. A creator id is checked against the posting shop, never trusted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createPayoutShop, inviteThroughAdmin, payoutShopLineup, type PayoutShop } from "../support/creator-payouts";
import { startStack, type Stack } from "../support/stack";
import { createdShowId, postShowForm } from "../support/show-form";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: false });
});

afterAll(async () => {
  await stack?.close();
});

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@creators.example`;

function showForm(target: PayoutShop, title: string, host: Record<string, string>) {
  return postShowForm(target.admin, payoutShopLineup(target), { title, ...host });
}

async function scheduleShow(target: PayoutShop, title: string, host: Record<string, string>) {
  const showId = createdShowId(await showForm(target, title, host));
  return prisma.show.findFirstOrThrow({ where: { id: showId, shop: target.shop } });
}

async function setHost(target: PayoutShop, showId: string, host: { creatorId?: string; hostName?: string }) {
  const response = await target.admin.post(`/app/shows/${showId}`, { intent: "set_host", creatorId: "", hostName: "", ...host });
  expect(response.status).toBe(200);
  return response.text();
}

describe("choosing the host of a new show", () => {
  it("offers the shop's creators but not the deactivated ones, and links to inviting one when there are none", async () => {
    const target = await createPayoutShop(stack, "host-options");
    const empty = await (await target.admin.get("/app/shows/new")).text();
    expect(empty).toContain("You have no creators to host yet.");
    expect(empty).toContain('href="/app/creators"');

    const ada = await inviteThroughAdmin(target, { name: "Ada Host", email: email("ada"), percent: "12.5" });
    const ivy = await inviteThroughAdmin(target, { name: "Ivy Gone", email: email("ivy"), percent: "10" });
    await target.admin.post(`/app/creators/${ivy.id}`, { intent: "deactivate" });
    const form = await (await target.admin.get("/app/shows/new")).text();
    expect(form).toContain(`<option value="${ada.id}">Ada Host (invited)</option>`);
    expect(form).not.toContain("Ivy Gone");
    expect(form).not.toContain("You have no creators to host yet.");
  });

  it("makes the chosen creator the host under their own name, so their sales earn them commission", async () => {
    const target = await createPayoutShop(stack, "host-creator");
    const ada = await inviteThroughAdmin(target, { name: "Ada Host", email: email("ada"), percent: "12.5" });
    const show = await scheduleShow(target, "Hosted by Ada", { creatorId: ada.id, hostName: "A forged name" });
    expect(show).toMatchObject({ creatorId: ada.id, hostName: "Ada Host", commissionBps: null });
  });

  it("keeps someone else's name without a creator, and no host at all when none is chosen", async () => {
    const target = await createPayoutShop(stack, "host-other");
    expect(await scheduleShow(target, "Guest host", { creatorId: "", hostName: "Astrid" })).toMatchObject({ creatorId: null, hostName: "Astrid" });
    expect(await scheduleShow(target, "No host", { creatorId: "", hostName: "" })).toMatchObject({ creatorId: null, hostName: "" });
  });

  it("refuses another shop's creator, or a deactivated one, on the host field and saves nothing", async () => {
    const target = await createPayoutShop(stack, "host-tenant");
    const rival = await createPayoutShop(stack, "host-rival");
    const theirs = await inviteThroughAdmin(rival, { name: "Rival Host", email: email("rival"), percent: "50" });
    const ivy = await inviteThroughAdmin(target, { name: "Ivy Gone", email: email("ivy"), percent: "10" });
    await target.admin.post(`/app/creators/${ivy.id}`, { intent: "deactivate" });

    const forged = await showForm(target, "Forged host", { creatorId: theirs.id, hostName: "" });
    expect(forged.status).toBe(200);
    const html = await forged.text();
    expect(html).toContain("This creator does not exist in your shop; choose one of your creators.");
    expect(html).not.toContain("Rival Host");
    const deactivated = await showForm(target, "Deactivated host", { creatorId: ivy.id, hostName: "" });
    expect(await deactivated.text()).toContain("Ivy Gone is deactivated; reactivate them to give them shows.");
    expect(await prisma.show.count({ where: { shop: target.shop } })).toBe(0);
    expect(await prisma.show.count({ where: { creatorId: theirs.id } })).toBe(0);
  });
});

describe("changing the host on the show page", () => {
  it("moves the show between creators and someone else, at the new creator's own rate", async () => {
    const target = await createPayoutShop(stack, "host-change");
    const ada = await inviteThroughAdmin(target, { name: "Ada Host", email: email("ada"), percent: "12.5" });
    const bo = await inviteThroughAdmin(target, { name: "Bo Host", email: email("bo"), percent: "8" });
    const show = await scheduleShow(target, "Changing hosts", { creatorId: ada.id });
    await prisma.show.update({ where: { id: show.id }, data: { commissionBps: 2000 } });

    expect(await setHost(target, show.id, { creatorId: bo.id })).toContain("Bo Host hosts this show.");
    expect(await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).toMatchObject({ creatorId: bo.id, hostName: "Bo Host", commissionBps: null });

    await setHost(target, show.id, { hostName: "Astrid" });
    expect(await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).toMatchObject({ creatorId: null, hostName: "Astrid" });
    await setHost(target, show.id, {});
    expect(await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).toMatchObject({ creatorId: null, hostName: "" });
  });

  it("still shows a deactivated host as theirs, keeps them when saved unchanged, and offers them to no other show", async () => {
    const target = await createPayoutShop(stack, "host-deactivated");
    const ivy = await inviteThroughAdmin(target, { name: "Ivy Host", email: email("ivy"), percent: "10" });
    const show = await scheduleShow(target, "Ivy's show", { creatorId: ivy.id });
    await prisma.show.update({ where: { id: show.id }, data: { commissionBps: 1500 } });
    await target.admin.post(`/app/creators/${ivy.id}`, { intent: "deactivate" });

    const page = await (await target.admin.get(`/app/shows/${show.id}`)).text();
    expect(page).toContain(`<option value="${ivy.id}" selected="">Ivy Host (deactivated)</option>`);
    await setHost(target, show.id, { creatorId: ivy.id });
    expect(await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).toMatchObject({ creatorId: ivy.id, commissionBps: 1500 });

    const other = await scheduleShow(target, "Another show", {});
    expect(await setHost(target, other.id, { creatorId: ivy.id })).toContain("Check the host and save again.");
    expect((await prisma.show.findUniqueOrThrow({ where: { id: other.id } })).creatorId).toBeNull();
  });

  it("cannot make another shop's creator the host of its show", async () => {
    const target = await createPayoutShop(stack, "host-change-tenant");
    const rival = await createPayoutShop(stack, "host-change-rival");
    const theirs = await inviteThroughAdmin(rival, { name: "Rival Host", email: email("rival"), percent: "50" });
    const show = await scheduleShow(target, "Ours", { hostName: "Astrid" });

    expect(await setHost(target, show.id, { creatorId: theirs.id })).toContain("Check the host and save again.");
    expect(await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).toMatchObject({ creatorId: null, hostName: "Astrid" });
    // Nor can the rival shop reach into this shop's show with its own creator.
    await rival.admin.post(`/app/shows/${show.id}`, { intent: "set_host", creatorId: theirs.id, hostName: "" });
    expect((await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).creatorId).toBeNull();
  });

  it("keeps the host of a show that has ended, whose sales are already credited", async () => {
    const target = await createPayoutShop(stack, "host-ended");
    const ada = await inviteThroughAdmin(target, { name: "Ada Host", email: email("ada"), percent: "12.5" });
    const show = await scheduleShow(target, "Over", { creatorId: ada.id });
    await prisma.show.update({ where: { id: show.id }, data: { status: "ended" } });

    expect(await setHost(target, show.id, { hostName: "Someone new" })).toContain("This show has ended");
    expect(await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).toMatchObject({ creatorId: ada.id, hostName: "Ada Host" });
    const page = await (await target.admin.get(`/app/shows/${show.id}`)).text();
    expect(page).not.toContain('name="creatorId"');
  });
});
