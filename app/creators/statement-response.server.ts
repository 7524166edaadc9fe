import { statementCsv, statementFileName } from "./statement-csv";
import type { Statement } from "./statements.server";

/** A statement as a CSV download. No caching: it holds what a creator earned. */
export function statementCsvResponse(statement: Statement): Response {
  return new Response(statementCsv(statement), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${statementFileName(statement)}"`,
      "cache-control": "private, no-store",
    },
  });
}
