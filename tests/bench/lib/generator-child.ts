// The child's side of a load generator (lib/load-generator.ts): commands run one at a time in the
// order they came, "close" or the run going away ends the process, and a command that throws is
// answered with its error instead of a silence the run would wait out.
export function answerCommands<Command extends { type: string }>(run: (command: Command) => Promise<void>, close: () => void) {
  let queue = Promise.resolve();
  process.on("message", (command: Command) => {
    queue = queue.then(async () => {
      try {
        if (command.type !== "close") return await run(command);
        close();
        process.exit(0);
      } catch (error) {
        process.send?.({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
  });
  process.on("disconnect", () => process.exit(0));
}
