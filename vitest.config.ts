import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "rules/**/*.test.ts", "dashboards/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the CPUs: a single worker on a 2-core machine. Many
    // files mostly wait on child processes (promtool, Prometheus, Alertmanager, the CLI), so more
    // workers than cores overlap that waiting; the end-to-end suites run beside the rest.
    maxWorkers: 4,
    // Test files share a worker's module cache instead of re-importing cdk8s, the Grafana SDK and the
    // sources for every file: import time was most of the suite. No test mutates module state.
    isolate: false,
  },
});
