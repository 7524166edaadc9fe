import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { netPerCreatorAndCurrency, splitByOutcome, type LedgerEntry } from "./netting";

let sequence = 0;
function entry(creatorId: string, currency: string, amountMinor: number): LedgerEntry {
  sequence += 1;
  return { id: `entry-${sequence}`, creatorId, currency, amountMinor };
}

describe("netting matured, unpaid entries", () => {
  it("nets a clawback against the earnings beside it", () => {
    const earning = entry("ada", "SEK", 1990);
    const another = entry("ada", "SEK", 500);
    const clawback = entry("ada", "SEK", -995);
    const { payable, carriedForward, nettedToZero } = splitByOutcome(netPerCreatorAndCurrency([earning, another, clawback]));
    expect(payable).toEqual([{ creatorId: "ada", currency: "SEK", balanceMinor: 1495, entryIds: [earning.id, another.id, clawback.id] }]);
    expect(carriedForward).toEqual([]);
    expect(nettedToZero).toEqual([]);
  });

  it("carries a negative balance forward instead of paying or forgiving it", () => {
    // The earning was paid in an earlier run; only its clawback and a small new earning are unpaid.
    const clawback = entry("ada", "EUR", -1990);
    const small = entry("ada", "EUR", 500);
    const { payable, carriedForward } = splitByOutcome(netPerCreatorAndCurrency([clawback, small]));
    expect(payable).toEqual([]);
    expect(carriedForward).toEqual([{ creatorId: "ada", currency: "EUR", balanceMinor: -1490, entryIds: [clawback.id, small.id] }]);
  });

  it("pays once later earnings outweigh the carried-forward clawback", () => {
    const entries = [entry("ada", "EUR", -1990), entry("ada", "EUR", 500), entry("ada", "EUR", 1600)];
    const { payable } = splitByOutcome(netPerCreatorAndCurrency(entries));
    expect(payable.map((balance) => balance.balanceMinor)).toEqual([110]);
    expect(payable[0]?.entryIds).toEqual(entries.map((e) => e.id));
  });

  it("never mixes currencies: a clawback in one cannot pay or cancel another", () => {
    const { payable, carriedForward } = splitByOutcome(
      netPerCreatorAndCurrency([entry("ada", "EUR", 1000), entry("ada", "SEK", -1000), entry("ada", "JPY", 300)]),
    );
    expect(payable.map(({ currency, balanceMinor }) => [currency, balanceMinor])).toEqual([
      ["EUR", 1000],
      ["JPY", 300],
    ]);
    expect(carriedForward.map(({ currency, balanceMinor }) => [currency, balanceMinor])).toEqual([["SEK", -1000]]);
  });

  it("keeps creators apart: one creator's clawback never touches another's earnings", () => {
    const { payable, carriedForward } = splitByOutcome(netPerCreatorAndCurrency([entry("bo", "EUR", 700), entry("ada", "EUR", -300)]));
    expect(payable.map(({ creatorId, balanceMinor }) => [creatorId, balanceMinor])).toEqual([["bo", 700]]);
    expect(carriedForward.map(({ creatorId, balanceMinor }) => [creatorId, balanceMinor])).toEqual([["ada", -300]]);
  });

  it("settles a full refund to exactly zero, owing nothing", () => {
    const { payable, carriedForward, nettedToZero } = splitByOutcome(netPerCreatorAndCurrency([entry("ada", "KWD", 1250), entry("ada", "KWD", -1250)]));
    expect([payable, carriedForward]).toEqual([[], []]);
    expect(nettedToZero.map((balance) => balance.balanceMinor)).toEqual([0]);
  });

  it("refuses an amount that is not whole minor units", () => {
    expect(() => netPerCreatorAndCurrency([entry("ada", "EUR", 0.5)])).toThrow(/whole number of minor units/);
  });

  it("accounts for every entry exactly once, with each balance the sum of its own creator's entries in its currency", () => {
    const entries = fc
      .array(
        fc.record({
          creatorId: fc.constantFrom("ada", "bo", "cy"),
          currency: fc.constantFrom("EUR", "SEK", "JPY"),
          amountMinor: fc.integer({ min: -1e9, max: 1e9 }),
        }),
        { maxLength: 40 },
      )
      .map((drawn) => drawn.map((e, index): LedgerEntry => ({ id: `e${index}`, ...e })));
    fc.assert(
      fc.property(entries, (ledger) => {
        const balances = netPerCreatorAndCurrency(ledger);
        const byId = new Map(ledger.map((e) => [e.id, e]));
        expect(balances.flatMap((b) => b.entryIds).sort()).toEqual(ledger.map((e) => e.id).sort());
        for (const balance of balances) {
          const members = balance.entryIds.map((id) => byId.get(id));
          expect(members.every((e) => e?.creatorId === balance.creatorId && e.currency === balance.currency)).toBe(true);
          expect(balance.balanceMinor).toBe(members.reduce((sum, e) => sum + (e?.amountMinor ?? 0), 0));
        }
        const { payable, carriedForward, nettedToZero } = splitByOutcome(balances);
        expect(payable.length + carriedForward.length + nettedToZero.length).toBe(balances.length);
      }),
    );
  });
});
