import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { stackAlerts } from "../../rules/stack/alerts.js";
import { stackPlan } from "../../src/components/component-table.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { OPT_IN_FEATURES } from "../../src/docs/every-pack-environment.js";
import { stackPack } from "../../src/packs/stack.js";
import { ruleFileYaml } from "../../src/model/artifacts.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf, packContext } from "../helpers/packs.js";
import type { UnitTestFile } from "../helpers/stack-component-alert-tests.js";

const alertsOf = (yaml: string) => stackAlerts(stackPlan(loadTestEnvironment(yaml, "t").environment.settings)).map((a) => a.name);
const REMOTE_WRITE_TESTS = join(repositoryRoot, "rules/stack/remote-write-tests");

describe("stack pack", () => {
  it("GIVEN the standalone profile THEN the Prometheus component brings it; GIVEN the operator profile (kube-prometheus-stack's own) THEN it is not in effect", () => {
    expect(packContext(loadTestEnvironment("", "s").environment).packs.map((p) => p.name)).toContain("stack");
    expect(packContext(loadTestEnvironment("profile: operator\n", "o").environment).packs.map((p) => p.name)).not.toContain("stack");
  });

  it("GIVEN what an environment deploys THEN it alerts on exactly that: gossip under ha, Thanos with longTermStorage, buckets and remote write when configured", () => {
    const plain = alertsOf("");
    expect(plain).toContain("PrometheusRuleGroupIterationsMissed");
    expect(plain).toContain("AlertmanagerConfigReloadFailed");
    expect(plain.filter((name) => /Thanos|Cluster|RemoteWrite|ObjectStorage/.test(name))).toEqual([]);
    expect(alertsOf("components: { loki: false, tempo: false, grafana: false, alertmanager: false }\n").filter((name) => !name.startsWith("Prometheus"))).toEqual([]);
    expect(alertsOf("ha: { enabled: true }\n").filter((name) => name.includes("Cluster"))).toEqual(["AlertmanagerClusterMembersInconsistent", "AlertmanagerClusterGossipFailing"]);
    expect(alertsOf("longTermStorage: { kind: thanos, objectStorage: { secretName: b } }\n").filter((name) => name.startsWith("Thanos"))).toEqual([
      "ThanosSidecarUnhealthy",
      "ThanosSidecarNotUploading",
      "ThanosCompactorHalted",
      "ThanosCompactorNotRunning",
      "ThanosStoreGatewayErrors",
      "ThanosQueryFanOutErrors",
    ]);
    expect(alertsOf("prometheus: { remoteWriteUrl: https://rw.example/api/v1/write }\n").filter((name) => name.includes("RemoteWrite"))).toEqual(["PrometheusRemoteWriteBehind", "PrometheusRemoteWriteFailing"]);
  });

  it("GIVEN Loki's bucket type THEN LokiObjectStorageErrors reads that client's request series", () => {
    const expr = (type: string) =>
      stackAlerts(stackPlan(loadTestEnvironment(`loki: { objectStorage: { type: ${type}, secretName: b } }\n`, "t").environment.settings)).find((a) => a.name === "LokiObjectStorageErrors")?.expr;
    expect(expr("s3")).toContain("loki_s3_request_duration_seconds_count");
    expect(expr("gcs")).toContain("loki_gcs_request_duration_seconds_count");
    expect(expr("azure")).toContain("loki_azure_blob_request_duration_seconds_count");
  });

  it("GIVEN every alert the pack can make (defaults, and each set of opt-in features) THEN its description, the README packs table's text, names each one, and no other", () => {
    const every = new Set([alertsOf(""), ...OPT_IN_FEATURES.map(alertsOf)].flat());
    const named = new Set(stackPack.description.match(/\b(Prometheus|Alertmanager|Thanos|Loki|Tempo|Grafana)[A-Z][A-Za-z]+/g));
    expect([...named].sort()).toEqual([...every].sort());
  });

  it("GIVEN remote write WHEN promtool runs the remote-write cases against that environment's stack.yaml THEN they pass, with a firing and a quiet case per alert", () => {
    const { environment } = loadTestEnvironment(OPT_IN_FEATURES[1]!, "rw");
    const stack = artifactsOf(environment).ruleFiles.find((f) => f.name === "stack")!;
    const dir = mkdtempSync(join(tmpdir(), "nfops-stack-rw-"));
    try {
      writeFileSync(join(dir, "stack.yaml"), ruleFileYaml(stack));
      const files = readdirSync(REMOTE_WRITE_TESTS).filter((f) => f.endsWith(".test.yaml"));
      for (const file of files) copyFileSync(join(REMOTE_WRITE_TESTS, file), join(dir, file));
      expect(execFileSync("promtool", ["test", "rules", ...files], { cwd: dir, encoding: "utf8" })).toContain("SUCCESS");
      const cases = files.flatMap((f) => (parse(readFileSync(join(dir, f), "utf8")) as UnitTestFile).tests).flatMap((t) => t.alert_rule_test ?? []);
      for (const name of ["PrometheusRemoteWriteBehind", "PrometheusRemoteWriteFailing"]) {
        expect(cases.some((c) => c.alertname === name && (c.exp_alerts ?? []).length > 0), `${name} fires`).toBe(true);
        expect(cases.some((c) => c.alertname === name && (c.exp_alerts ?? []).length === 0), `${name} stays quiet`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
