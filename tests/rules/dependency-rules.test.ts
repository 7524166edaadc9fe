// The dependency rules (.dependency-cruiser.cjs) bite: a small tree that breaks them is refused
// with the rule it breaks, and the app itself breaks none.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { cruise, type ICruiseOptions, type IReporterOutput } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const rules = createRequire(import.meta.url)(path.join(ROOT, ".dependency-cruiser.cjs")) as { forbidden: ICruiseOptions["ruleSet"] extends infer R ? R extends { forbidden?: infer F } ? F : never : never };
const FIXTURE = path.join(ROOT, "tests/.tmp", `dependency-rules-${process.pid}`);

function writeTree(files: Record<string, string>) {
  rmSync(FIXTURE, { recursive: true, force: true });
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(FIXTURE, file)), { recursive: true });
    writeFileSync(path.join(FIXTURE, file), source);
  }
}

async function violations(baseDir: string, target: string[], tsConfig?: string): Promise<string[]> {
  const result: IReporterOutput = await cruise(target, {
    baseDir,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(\\.test\\.tsx?$|^app/types/)" },
    ...(tsConfig ? { tsConfig: { fileName: tsConfig } } : {}),
  });
  if (typeof result.output === "string") throw new Error("dependency-cruiser answered text, not a result");
  return result.output.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
}

afterAll(() => rmSync(FIXTURE, { recursive: true, force: true }));

describe("the dependency rules", () => {
  it("refuse a carrier that imports a capability, and the loop it closes", async () => {
    writeTree({
      "app/realtime/carrier.ts": 'import { showTitle } from "../shows/show";\nexport const carried = showTitle;\n',
      "app/shows/show.ts": 'import { carried } from "../realtime/carrier";\nexport const showTitle = "x";\nexport const again = carried;\n',
    });
    const found = await violations(FIXTURE, ["app"]);
    expect(found).toContain("layers-realtime: app/realtime/carrier.ts → app/shows/show.ts");
    expect(found.some((line) => line.startsWith("no-circular:"))).toBe(true);
  });

  it("refuse two capabilities of one layer that import each other, and the kernel importing a capability", async () => {
    writeTree({
      "app/inventory/stock.ts": 'import { entry } from "../commissions/ledger";\nexport const stock = entry;\n',
      "app/commissions/ledger.ts": "export const entry = 1;\n",
      "app/lib/money.ts": 'import { stock } from "../inventory/stock";\nexport const money = stock;\n',
    });
    expect(await violations(FIXTURE, ["app"])).toEqual(
      expect.arrayContaining(["layers-inventory: app/inventory/stock.ts → app/commissions/ledger.ts", "layers-lib: app/lib/money.ts → app/inventory/stock.ts"]),
    );
  });

  it("refuse a folder with no layer", async () => {
    writeTree({ "app/clips/clip.ts": 'import { money } from "../lib/money";\nexport const clip = money;\n', "app/lib/money.ts": "export const money = 1;\n" });
    expect(await violations(FIXTURE, ["app"])).toEqual(["unplaced-folder: app/clips/clip.ts → app/lib/money.ts"]);
  });

  it("find nothing to refuse in the app", { timeout: 60_000 }, async () => {
    expect(await violations(ROOT, ["app", "server.ts"], path.join(ROOT, "tsconfig.json"))).toEqual([]);
  });
});
