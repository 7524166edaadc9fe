import { describe, expect, it } from "vitest";
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
  const statement = {
    creator: { id: "c1", name: "Åsa Öberg", email: "asa@example.com" },
    period: { month: "2026-12" },
    lines: [
      { date: "2026-12-01 19:15", kind: "earning", showTitle: "Knits, live", orderNumber: "1001", lineItemNumber: "5001", quantity: 2, salesAmountMinor: 37810, rateBps: 1000, amountMinor: 3781, currency: "EUR", state: "on hold" },
      { date: "2026-12-03 10:00", kind: "clawback", showTitle: "Knits, live", orderNumber: "1001", lineItemNumber: "5001", quantity: 1, salesAmountMinor: -18905, rateBps: 1000, amountMinor: -1891, currency: "EUR", state: "available" },
      { date: "2026-12-04 09:00", kind: "earning", showTitle: "Yen night", orderNumber: "1002", lineItemNumber: "5002", quantity: 1, salesAmountMinor: 1999, rateBps: 1250, amountMinor: 250, currency: "JPY", state: "paid" },
    ],
    payouts: [{ id: "p1", date: "2026-12-20 08:00", amountMinor: 250, currency: "JPY", status: "paid", stripeTransferId: "tr_1", amountReversedMinor: 0 }],
  } as unknown as Statement;

  it("writes one row per earning, clawback and payout, amounts exact in each currency's units", () => {
    expect(statementCsv(statement).split("\r\n")).toEqual([
      "date,type,show,order,line_item,quantity,sales_amount,rate_percent,amount,currency,status",
      '2026-12-01 19:15,earning,"Knits, live",1001,5001,2,378.10,10,37.81,EUR,on hold',
      '2026-12-03 10:00,clawback,"Knits, live",1001,5001,1,-189.05,10,-18.91,EUR,available',
      "2026-12-04 09:00,earning,Yen night,1002,5002,1,1999,12.5,250,JPY,paid",
      "2026-12-20 08:00,payout,,,,,,,250,JPY,paid",
      "",
    ]);
  });

  it("names the file after the creator and the month", () => {
    expect(statementFileName(statement)).toBe("statement-asa-oberg-2026-12.csv");
  });
});
