// Runs axe-core inside a page or frame and returns the violations a person would be blocked by.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Frame } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** "serious" and "critical" violations as readable lines: rule, help, and where. */
export async function seriousAccessibilityViolations(frame: Frame): Promise<string[]> {
  await frame.addScriptTag({ content: axeSource });
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => JSON.stringify(node.target) + " " + (node as unknown as {html: string}).html.slice(0, 200)).join(", ")}`);
}
