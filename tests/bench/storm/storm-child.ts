// The join storm in a process of its own (storm.ts, runStormApart): it takes the storm's options,
// sends each log line and then the result, and exits.
import { stopChildrenOnExit } from "../lib/processes";
import { runStorm, type StormChildMessage, type StormOptions } from "./storm";

const send = (message: StormChildMessage) => new Promise<void>((resolve) => process.send?.(message, undefined, undefined, () => resolve()));

stopChildrenOnExit();
process.once("message", (options: Omit<StormOptions, "log">) => {
  runStorm({ ...options, log: (line) => void send({ type: "log", line }) })
    .then((result) => send({ type: "result", result }))
    .catch((error: unknown) => send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .finally(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));
