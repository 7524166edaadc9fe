// A PostgreSQL cluster of the fault run's own: Debian's binaries, a data folder under tests/.tmp,
// and a Unix socket in a folder nobody else uses (listen_addresses is empty), so it takes no TCP
// port and never touches the machine's cluster on 5432 that the rest of the suite shares.
// PostgreSQL refuses to run as root: as root, every command runs as the postgres user.
//
// `prisma migrate deploy` does its work in about a second and then waits ten more for its pg
// pool's idle connections to time out, so the migrated cluster is kept as a template (a stopped
// data folder, under a key of the migrations) and each run starts from a copy of it.
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { prismaCli, ROOT } from "../setup/database";

const run = promisify(execFile);
const MIGRATIONS = path.join(ROOT, "prisma/postgresql/migrations");
const TEMPLATES = path.join(ROOT, "tests/.tmp/faults-pg-templates");
// Any number: the socket's file name carries it, and the folder is this cluster's alone.
const SOCKET_PORT = "5432";

/** The newest Debian PostgreSQL's bin folder, or null when PostgreSQL is not installed. */
export function postgresBinaries(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((name) => existsSync(path.join(base, name, "bin/pg_ctl")) && existsSync(path.join(base, name, "bin/initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : null;
}

export interface PrivatePostgres {
  /** postgresql://…?host=<socket folder>: the DATABASE_URL of an app on this cluster. */
  url: string;
  /** Fast shutdown (sessions are ended, as an operator's restart or a failover does), `downWhile`, then start again. */
  restart(options?: { downWhile?: () => Promise<void> }): Promise<void>;
  /** Stops the cluster at once and removes its folder. */
  destroy(): Promise<void>;
}

class Cluster {
  readonly socket: string;
  readonly log: string;

  constructor(
    readonly bin: string,
    readonly dir: string,
  ) {
    this.socket = path.join(dir, "socket");
    this.log = path.join(dir, "postgres.log");
  }

  get data() {
    return path.join(this.dir, "data");
  }

  get url() {
    return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(this.socket)}`;
  }

  async prepareFolders() {
    mkdirSync(this.socket, { recursive: true });
    if (process.getuid?.() === 0) await giveToPostgres([this.dir, this.socket, ...(existsSync(this.data) ? [this.data] : [])]);
  }

  command(name: string, args: string[]) {
    const binary = path.join(this.bin, name);
    return process.getuid?.() === 0 ? run("runuser", ["-u", "postgres", "--", binary, ...args]) : run(binary, args);
  }

  async start() {
    // Durability is not what this cluster is for: a fast shutdown writes everything out anyway.
    const options = `-c listen_addresses='' -k ${this.socket} -p ${SOCKET_PORT} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60`;
    await this.command("pg_ctl", ["-D", this.data, "-l", this.log, "-o", options, "-w", "-t", "60", "start"]);
  }

  async stop(mode: "fast" | "immediate") {
    await this.command("pg_ctl", ["-D", this.data, "-m", mode, "-w", "-t", "60", "stop"]);
  }

  /** Immediate shutdown, synchronously: for a process that is exiting. */
  stopNow() {
    const args = [path.join(this.bin, "pg_ctl"), "-D", this.data, "-m", "immediate", "-w", "stop"];
    if (process.getuid?.() === 0) spawnSync("runuser", ["-u", "postgres", "--", ...args], { stdio: "ignore" });
    else spawnSync(args[0] as string, args.slice(1), { stdio: "ignore" });
  }
}

async function giveToPostgres(entries: string[]) {
  const [user, group] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]).then((ids) => ids.map(({ stdout }) => Number(stdout.trim())));
  for (const entry of entries) chownSync(entry, user as number, group as number);
}

function migrationsKey(bin: string): string {
  const hash = createHash("sha256").update(bin);
  for (const name of readdirSync(MIGRATIONS).sort()) {
    const file = path.join(MIGRATIONS, name, "migration.sql");
    if (existsSync(file)) hash.update(name).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** A stopped cluster with every migration deployed, made once per set of migrations. */
async function migratedTemplate(bin: string): Promise<string> {
  const dir = path.join(TEMPLATES, migrationsKey(bin));
  if (existsSync(path.join(dir, "data/PG_VERSION"))) {
    // Marks it in use, so that another run's pruning leaves it alone.
    utimesSync(dir, new Date(), new Date());
    return dir;
  }
  // Made aside and moved in whole, so a run started meanwhile never copies half a template.
  const partial = new Cluster(bin, `${dir}.partial-${process.pid}`);
  rmSync(partial.dir, { recursive: true, force: true });
  mkdirSync(partial.dir, { recursive: true });
  await partial.prepareFolders();
  await partial.command("initdb", ["-D", partial.data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  await partial.start();
  try {
    prismaCli(["migrate", "deploy"], partial.url);
  } finally {
    await partial.stop("fast");
  }
  if (existsSync(dir)) rmSync(partial.dir, { recursive: true, force: true });
  else renameSync(partial.dir, dir);
  pruneTemplates(dir);
  return dir;
}

function pruneTemplates(keep: string) {
  for (const name of readdirSync(TEMPLATES)) {
    const entry = path.join(TEMPLATES, name);
    // Another run's template in the making, or one made in the last hour, may still be copied.
    if (entry === keep || Date.now() - statSync(entry).mtimeMs < 60 * 60_000) continue;
    rmSync(entry, { recursive: true, force: true });
  }
}

/** Starts a private, migrated cluster; `name` goes into its folder's name. */
export async function startPrivatePostgres(name = "pg"): Promise<PrivatePostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error("PostgreSQL's binaries are not installed (/usr/lib/postgresql/<version>/bin)");
  const template = await migratedTemplate(bin);
  const cluster = new Cluster(bin, path.join(ROOT, "tests/.tmp", `faults-${process.pid}-${name}-${Math.random().toString(36).slice(2, 8)}`));
  mkdirSync(cluster.dir, { recursive: true });
  // -a keeps the postgres user's ownership and the data folder's 0700.
  await run("cp", ["-a", path.join(template, "data"), cluster.data]);
  await cluster.prepareFolders();
  await cluster.start();
  // A run that dies leaves no server behind (pg_ctl starts it as a daemon of its own).
  const stopOnExit = () => cluster.stopNow();
  process.once("exit", stopOnExit);
  let destroyed = false;
  return {
    url: cluster.url,
    async restart({ downWhile } = {}) {
      await cluster.stop("fast");
      try {
        await downWhile?.();
      } finally {
        await cluster.start();
      }
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      process.off("exit", stopOnExit);
      await cluster.stop("immediate").catch(() => undefined);
      rmSync(cluster.dir, { recursive: true, force: true });
    },
  };
}
