import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/**/*.test.ts", "extensions/**/*.test.ts", "prisma/**/*.test.ts"],
    exclude: ["**/node_modules/**", "build/**", ".node/**"],
    globalSetup: ["tests/setup/global.ts"],
    setupFiles: ["tests/setup/each-file.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // CI asks for a JSON report beside the console one, to print one closing line for both databases.
    reporters: process.env.VITEST_JSON ? ["default", "json"] : ["default"],
    outputFile: process.env.VITEST_JSON ? { json: process.env.VITEST_JSON } : undefined,
  },
});
