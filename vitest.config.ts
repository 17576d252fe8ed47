import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "rules/**/*.test.ts", "dashboards/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
