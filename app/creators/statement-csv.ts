// A statement as CSV, for a spreadsheet or an accountant: one row per earning, clawback and
// payout, amounts as decimal strings in the currency's own units (never floats).
import { formatMinorUnits } from "~/lib/money";
import { bpsToPercent } from "./commission-rate";
import type { Statement } from "./statements.server";

const HEADER = ["date", "type", "show", "order", "line_item", "quantity", "sales_amount", "rate_percent", "amount", "currency", "status"];

/**
 * Quotes a cell when it needs it, and defuses text a spreadsheet would run as a formula
 * (a show title such as "=HYPERLINK(...)"): numbers are written by the app and stay as they are.
 */
export function csvCell(value: string, kind: "text" | "number" = "text"): string {
  const safe = kind === "text" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statementCsv(statement: Statement): string {
  const rows: string[][] = [HEADER];
  for (const line of statement.lines) {
    rows.push([
      csvCell(line.date),
      csvCell(line.kind),
      csvCell(line.showTitle),
      csvCell(line.orderNumber),
      csvCell(line.lineItemNumber),
      csvCell(String(line.quantity), "number"),
      csvCell(formatMinorUnits(line.salesAmountMinor, line.currency), "number"),
      csvCell(bpsToPercent(line.rateBps), "number"),
      csvCell(formatMinorUnits(line.amountMinor, line.currency), "number"),
      csvCell(line.currency),
      csvCell(line.state),
    ]);
  }
  for (const payout of statement.payouts) {
    rows.push([
      csvCell(payout.date),
      csvCell("payout"),
      "",
      "",
      "",
      "",
      "",
      "",
      csvCell(formatMinorUnits(payout.amountMinor, payout.currency), "number"),
      csvCell(payout.currency),
      csvCell(payout.status),
    ]);
  }
  return rows.map((row) => row.join(",")).join("\r\n") + "\r\n";
}

export function statementFileName(statement: Statement): string {
  const slug =
    statement.creator.name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "creator";
  return `statement-${slug}-${statement.period.month}.csv`;
}
