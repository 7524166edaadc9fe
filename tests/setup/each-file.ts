import { format } from "node:util";
import { afterEach, beforeEach, vi } from "vitest";
import { log } from "~/lib/log.server";
import { appTestEnv } from "../support/app-env";

// App modules read the environment at import; tests run with the sandbox's credentials.
for (const [name, value] of Object.entries(appTestEnv())) process.env[name] ??= value;

// An error logged during a test is a failure nobody would otherwise see.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${format(...args)}`);
  });
  vi.spyOn(log, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`log.error was called: ${format(...args)}`);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});
