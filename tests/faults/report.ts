// One scenario's figures as aligned lines, for the run script's closing note and a failing test.
import type { ScenarioReport } from "./storm-scenario";

export function formatReport(report: ScenarioReport, { logs = false }: { logs?: boolean } = {}): string {
  const width = Math.max(...Object.keys(report.figures).map((name) => name.length));
  const lines = [`${report.name}:`, ...Object.entries(report.figures).map(([name, value]) => `  ${name.padEnd(width)}  ${typeof value === "number" ? value.toLocaleString("en-US") : value}`)];
  lines.push(report.violations.length ? `  VIOLATIONS:\n${report.violations.map((violation) => `    - ${violation}`).join("\n")}` : "  no violations");
  // The end of the app's output says what it saw when something went wrong.
  if (logs && report.violations.length) lines.push(`  app output (last 4,000 characters):\n${report.logs.slice(-4_000)}`);
  return lines.join("\n");
}
