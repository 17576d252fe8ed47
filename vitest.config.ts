import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/** End-to-end suites: minutes of real processes on loopback, mostly waiting on their timers. */
const isEndToEnd = (spec: TestSpecification) => spec.moduleId.includes("/tests/e2e/");

/** The run leaves the end-to-end suites out: `vitest run --exclude 'tests/e2e/**'` (or `--exclude=…`). */
function endToEndExcluded(argv: readonly string[]): boolean {
  return argv.some((arg, i) => (arg === "--exclude" ? (argv[i + 1] ?? "") : arg.startsWith("--exclude=") ? arg : "").includes("tests/e2e"));
}

/**
 * Starts the end-to-end suites first, each beside one other file: they spend minutes waiting on
 * real timers with an idle core, so started last they made the run the sum of the two halves
 * instead of the longer one. Within each half the default order holds (longest or unknown first).
 */
class EndToEndFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const endToEnd = sorted.filter(isEndToEnd);
    const rest = sorted.filter((spec) => !isEndToEnd(spec));
    return endToEnd.flatMap((spec, i) => (rest[i] === undefined ? [spec] : [spec, rest[i]])).concat(rest.slice(endToEnd.length));
  }
}

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "rules/**/*.test.ts", "dashboards/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the CPUs: a single worker on a 2-core machine. Many
    // files mostly wait on child processes (promtool, Prometheus, Alertmanager, the CLI), so more
    // workers than cores overlap that waiting; the end-to-end suites (eight, started first) run
    // beside the rest instead of holding every worker. Without them three are enough: each worker
    // imports the sources once (isolate: false), and six spent 30 s more CPU on imports (201 s
    // against 170 s for the same run on this machine) for no shorter wall time.
    maxWorkers: endToEndExcluded(process.argv) ? 3 : 6,
    // Test files share a worker's module cache instead of re-importing cdk8s, the Grafana SDK and the
    // sources for every file: import time was most of the suite. No test mutates module state.
    isolate: false,
    sequence: { sequencer: EndToEndFirstSequencer },
    globalSetup: ["tests/helpers/global-setup.ts"],
  },
});
