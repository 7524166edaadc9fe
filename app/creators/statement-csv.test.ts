import { describe, expect, it } from "vitest";
import { fromNow, wallClock, type Offset } from "../../tests/support/clock";
import { csvCell, statementCsv, statementFileName } from "./statement-csv";
import type { Statement } from "./statements.server";

describe("csvCell", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses text a spreadsheet would run as a formula, but leaves the app's own numbers alone", () => {
    expect(csvCell("=SUM(A1:A9)")).toBe("'=SUM(A1:A9)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("-10.00", "number")).toBe("-10.00");
  });
});

describe("statementCsv", () => {
  // Dates as the statement gives them: the shop's wall clock in its timezone, written through as they are.
  const shopDate = (offset: Offset) => wallClock(fromNow(offset), "Europe/Stockholm").replace("T", " ");
  const month = wallClock(new Date(), "Europe/Stockholm").slice(0, 7);
  const [earned, clawedBack, earnedInYen, paidOut] = [shopDate({ days: -6 }), shopDate({ days: -4 }), shopDate({ days: -3 }), shopDate({ hours: -2 })];
  const statement = {
    creator: { id: "c1", name: "Åsa Öberg", email: "asa@example.com" },
    period: { month },
    lines: [
      { date: earned, kind: "earning", showTitle: "Knits, live", orderNumber: "1001", lineItemNumber: "5001", quantity: 2, salesAmountMinor: 37810, rateBps: 1000, amountMinor: 3781, currency: "EUR", state: "on hold" },
      { date: clawedBack, kind: "clawback", showTitle: "Knits, live", orderNumber: "1001", lineItemNumber: "5001", quantity: 1, salesAmountMinor: -18905, rateBps: 1000, amountMinor: -1891, currency: "EUR", state: "available" },
      { date: earnedInYen, kind: "earning", showTitle: "Yen night", orderNumber: "1002", lineItemNumber: "5002", quantity: 1, salesAmountMinor: 1999, rateBps: 1250, amountMinor: 250, currency: "JPY", state: "paid" },
    ],
    payouts: [{ id: "p1", date: paidOut, amountMinor: 250, currency: "JPY", status: "paid", stripeTransferId: "tr_1", amountReversedMinor: 0 }],
  } as unknown as Statement;

  it("writes one row per earning, clawback and payout, amounts exact in each currency's units", () => {
    expect(statementCsv(statement).split("\r\n")).toEqual([
      "date,type,show,order,line_item,quantity,sales_amount,rate_percent,amount,currency,status",
      `${earned},earning,"Knits, live",1001,5001,2,378.10,10,37.81,EUR,on hold`,
      `${clawedBack},clawback,"Knits, live",1001,5001,1,-189.05,10,-18.91,EUR,available`,
      `${earnedInYen},earning,Yen night,1002,5002,1,1999,12.5,250,JPY,paid`,
      `${paidOut},payout,,,,,,,250,JPY,paid`,
      "",
    ]);
  });

  it("names the file after the creator and the month", () => {
    expect(statementFileName(statement)).toBe(`statement-asa-oberg-${month}.csv`);
  });
});
