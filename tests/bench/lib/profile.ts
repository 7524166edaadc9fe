// Reads V8 CPU profiles (node --cpu-prof) and says where a server's time went: self time by
// package (node_modules/<package>, node's internals, the app's build, garbage collection, idle)
// and the hottest functions. `npm run bench -- --cpu-prof` writes the profiles and prints this.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  busyMs: number;
  byPackage: Array<{ name: string; ms: number; share: number }>;
  topFunctions: Array<{ name: string; ms: number; share: number }>;
}

function packageOf(url: string, functionName: string): string {
  if (functionName === "(idle)") return "(idle)";
  if (functionName === "(garbage collector)") return "(garbage collector)";
  if (functionName === "(program)") return "(program: native, outside JS)";
  if (!url) return "(native / V8 builtins)";
  if (url.startsWith("node:")) return "node internals";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.includes("/build/server/") || url.includes("/bench-build/server/")) return "the app (build)";
  return path.relative(process.cwd(), url.replace(/^file:\/\//, ""));
}

export function summarizeProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index] as number;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    total += micros;
    if (functionName === "(idle)") idle += micros;
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    if (functionName !== "(idle)") {
      const name = `${functionName || "(anonymous)"} ${pkg}${url ? `:${lineNumber + 1}` : ""}`;
      functions.set(name, (functions.get(name) ?? 0) + micros);
    }
  }
  const busy = total - idle;
  const rank = (entries: Map<string, number>, base: number) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: base ? micros / base : 0 }));
  return {
    file,
    totalMs: total / 1000,
    busyMs: busy / 1000,
    byPackage: rank(new Map([...packages].filter(([name]) => name !== "(idle)")), busy),
    topFunctions: rank(functions, busy),
  };
}

/** The main-thread profile of each process in a directory (the largest file per process id). */
export function mainThreadProfiles(dir: string): string[] {
  const byPid = new Map<string, string>();
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith(".cpuprofile"))) {
    const pid = name.split(".")[3] ?? name;
    const file = path.join(dir, name);
    const current = byPid.get(pid);
    if (!current || statSync(file).size > statSync(current).size) byPid.set(pid, file);
  }
  return [...byPid.values()];
}

export function formatProfile(summary: ProfileSummary, label: string): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  return [
    `${label}: ${summary.busyMs.toFixed(0)} ms on CPU of ${summary.totalMs.toFixed(0)} ms profiled (${path.basename(summary.file)})`,
    "  by package (self time):",
    ...summary.byPackage.map((entry) => `    ${pct(entry.share)}  ${entry.name}`),
    "  hottest functions (self time):",
    ...summary.topFunctions.map((entry) => `    ${pct(entry.share)}  ${entry.name}`),
  ].join("\n");
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const target = process.argv[2] ?? ".";
  const files = statSync(target).isDirectory() ? mainThreadProfiles(target) : [target];
  for (const file of files) console.log(formatProfile(summarizeProfile(file), path.basename(file)));
}
