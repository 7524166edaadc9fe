// Runs axe-core inside a page or frame and returns the violations a person would be blocked by.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Frame } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Every violation axe finds, whatever its impact, as readable lines: rule, impact, help, and where. */
export async function accessibilityViolations(frame: Frame): Promise<string[]> {
  return (await runAxe(frame)).map(describeViolation);
}

/** "serious" and "critical" violations as readable lines: rule, help, and where. */
export async function seriousAccessibilityViolations(frame: Frame): Promise<string[]> {
  return (await runAxe(frame)).filter((violation) => violation.impact === "serious" || violation.impact === "critical").map(describeViolation);
}

async function runAxe(frame: Frame): Promise<AxeViolation[]> {
  await frame.addScriptTag({ content: axeSource });
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
}

function describeViolation(violation: AxeViolation): string {
  return `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.html.slice(0, 200)}`).join(", ")}`;
}
