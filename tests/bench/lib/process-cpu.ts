// CPU time of the benchmark's own child processes, from Linux's /proc (user + system), so a run
// can say what its load cost each server: the app is one Node process, nchan is nginx's
// master and its worker. Only descendants of this process are looked at: other work on the
// machine never counts.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces; fields are counted after it.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // the process has exited
  }
}

/** User + system CPU seconds a process has used so far (0 once it has exited). */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // After the name: state, ppid, … utime is field 14 of the whole line, stime 15.
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : 0;
}

/** This process's descendants whose command line matches, e.g. /server\.ts/ or /^nginx:/. */
export function descendantsMatching(pattern: RegExp, root = process.pid): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1]);
    if (Number.isFinite(parent)) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift() as number;
    queue.push(...(children.get(pid) ?? []));
    let command = "";
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      continue;
    }
    if (pattern.test(command)) found.push(pid);
  }
  return found;
}
