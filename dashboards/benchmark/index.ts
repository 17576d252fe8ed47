import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { BENCHMARK_DASHBOARD_UID } from "../../rules/benchmark/benchmark.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { dashboard, prometheusDatasourceVariable } from "../common.js";
import { executionTimeRow } from "./execution-time.js";
import { regressionsRow } from "./regressions.js";
import { resourcesRow } from "./resources.js";
import { benchmarkVariable } from "./selection.js";
import { speedupRow } from "./speedup.js";
import { suiteAndCiRow } from "./suite-and-ci.js";

/** Performance Overview: what benchmark runs and CI push, refreshed as often as `benchmark.dashboardRefresh` says. */
export function benchmarkDashboard({ environment }: PackContext): DashboardBuilder {
  const b = environment.settings.benchmark;
  return dashboard({
    uid: BENCHMARK_DASHBOARD_UID,
    title: "nfops / Performance Overview",
    description:
      "Benchmark results pushed to the Pushgateway: execution time, speed-up against the baseline with its minimum and target, memory and CPU per process, detected regressions with their commit, suite duration and CI status.",
    from: "now-6h",
    refresh: b.dashboardRefresh,
    variables: [prometheusDatasourceVariable(), benchmarkVariable()],
    rows: [speedupRow(b), executionTimeRow(), regressionsRow(), resourcesRow(b), suiteAndCiRow(b)],
  });
}
