import { describe, expect, it } from "vitest";
import { ingressFlows } from "../../src/components/network-policies.js";
import { scrapeConfigs } from "../../src/components/prometheus-config.js";
import { componentObjects, loadTestStack, only } from "../helpers/component-objects.js";
import { configErrorOf } from "../helpers/config-error.js";
import { loadTestEnvironment } from "../helpers/environments.js";

const BENCH = "packs: [core, benchmark]\nbenchmark: { allowedPushNamespaces: [ci], pushgatewayStorageGiB: 3 }\n";

describe("pushgateway", () => {
  const stack = loadTestStack(BENCH);
  const objects = componentObjects(stack, "pushgateway");
  const statefulSet = only(objects, "StatefulSet", "pushgateway");
  const pod = statefulSet.spec.template.spec;

  it("GIVEN the benchmark pack WHEN synthesized THEN the pinned image runs restricted as nobody, without a token, its groups persisted on a volume", () => {
    expect(pod.containers[0].image).toBe("prom/pushgateway:v1.11.3");
    expect(pod.securityContext).toMatchObject({ runAsUser: 65534, runAsNonRoot: true });
    expect(pod.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].args).toEqual(["--web.listen-address=:9091", "--persistence.file=/data/pushgateway.db", "--persistence.interval=1m"]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: "data", mountPath: "/data" }]);
    expect(statefulSet.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("3Gi");
    expect(pod.containers[0].readinessProbe.httpGet.path).toBe("/-/ready");
    expect(pod.containers[0].resources.limits.memory).toBe("128Mi");
  });

  it("GIVEN the benchmark pack THEN Prometheus keeps the pushed job labels and drops the unbounded iteration label", () => {
    const job = scrapeConfigs(stack.stack).find((j) => j.job_name === "pushgateway") as Record<string, unknown>;
    expect(job.honor_labels).toBe(true);
    expect(job.metric_relabel_configs).toEqual([{ action: "labeldrop", regex: "iteration" }]);
  });

  it("GIVEN allowedPushNamespaces THEN pushes are admitted from Prometheus, the stack's namespace and those namespaces only", () => {
    expect(ingressFlows(stack.stack).filter((f) => f.to === "pushgateway").map((f) => f.from)).toEqual([{ component: "prometheus" }, "same-namespace", { namespaces: ["ci"] }]);
  });

  it("GIVEN no benchmark pack THEN no Pushgateway, unless components.pushgateway asks for one; and it can be turned off with the pack", () => {
    expect(loadTestStack("").stack.isDeployed("pushgateway")).toBe(false);
    expect(loadTestStack("components: { pushgateway: true }\n").stack.isDeployed("pushgateway")).toBe(true);
    expect(loadTestStack(`${BENCH}components: { pushgateway: false }\n`).stack.isDeployed("pushgateway")).toBe(false);
    expect(loadTestStack("packs: [core, benchmark]\nprofile: operator\n").stack.isDeployed("pushgateway")).toBe(false);
  });

  it("GIVEN a target below the minimum or a detection held shorter than its for THEN loading fails naming the setting", () => {
    const error = configErrorOf(() => loadTestEnvironment("packs: [core, benchmark]\nbenchmark: { minSpeedup: 12, targetSpeedup: 11, for: { PerformanceRegressionDetected: 20m } }\n"));
    expect(error).toContain("/benchmark/targetSpeedup: must not be below benchmark.minSpeedup (12) (value: 11)");
    expect(error).toContain("/benchmark/for/PerformanceRegressionDetected: must be shorter than 15m");
  });
});
