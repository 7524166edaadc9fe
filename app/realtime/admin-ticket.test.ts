import { describe, expect, it } from "vitest";
import { signToken } from "~/lib/signed-token";
import { checkAdminTicket, signAdminTicket } from "./admin-ticket.server";

const SECRET = "a-secret-for-tests";
const SHOP = "ticket.myshopify.com";
const now = new Date();
const later = new Date(now.getTime() + 60_000);

describe("admin stream tickets", () => {
  it("admit the shop's show they were signed for until they expire", () => {
    const ticket = signAdminTicket(SECRET, SHOP, "show-1", later);
    expect(checkAdminTicket(SECRET, ticket, SHOP, "show-1", now)).toEqual({ ok: true });
    expect(checkAdminTicket(SECRET, ticket, SHOP, "show-1", later)).toEqual({ ok: false, reason: expect.stringMatching(/expired/) });
  });

  it("refuse another shop or show, another secret, another purpose, and none at all", () => {
    const ticket = signAdminTicket(SECRET, SHOP, "show-1", later);
    expect(checkAdminTicket(SECRET, ticket, "other.myshopify.com", "show-1", now)).toEqual({ ok: false, reason: expect.stringMatching(/another shop or show/) });
    expect(checkAdminTicket(SECRET, ticket, SHOP, "show-2", now).ok).toBe(false);
    expect(checkAdminTicket("another-secret", ticket, SHOP, "show-1", now)).toEqual({ ok: false, reason: expect.stringMatching(/not genuine/) });
    // A viewer token carries a show too; it is signed for another purpose.
    expect(checkAdminTicket(SECRET, signToken(SECRET, "viewer", { shop: SHOP, showId: "show-1" }, later), SHOP, "show-1", now).ok).toBe(false);
    expect(checkAdminTicket(SECRET, null, SHOP, "show-1", now)).toEqual({ ok: false, reason: expect.stringMatching(/No ticket/) });
  });
});
