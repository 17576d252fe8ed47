import { describe, expect, it } from "vitest";
import { goDuration, tempoConfig } from "../../src/components/tempo-config.js";
import { componentObjects, loadTestStack, only } from "../helpers/component-objects.js";

const stack = loadTestStack("retention:\n  tempo: 14d\nstorage:\n  tempoGiB: 33\n");

describe("tempoConfig", () => {
  const config = tempoConfig(stack.environment.settings, stack.stack.port("tempo")) as Record<string, any>;

  it("GIVEN retention.tempo in days WHEN the configuration is built THEN block_retention is in hours, which Go durations accept", () => {
    expect(config.compactor.compaction.block_retention).toBe("336h");
    expect(goDuration("90m")).toBe("5400s");
    expect(goDuration("1w")).toBe("168h");
  });

  it("GIVEN the receivers WHEN the configuration is built THEN OTLP gRPC listens on 4317 and HTTP on 4318, with local storage", () => {
    expect(config.distributor.receivers.otlp.protocols).toEqual({ grpc: { endpoint: "0.0.0.0:4317" }, http: { endpoint: "0.0.0.0:4318" } });
    expect(config.storage.trace.backend).toBe("local");
  });
});

describe("Tempo construct", () => {
  const objects = componentObjects(stack, "tempo");
  const statefulSet = only(objects, "StatefulSet", "tempo");

  it("GIVEN storage.tempoGiB WHEN synthesized THEN the claim has that size and no class (the cluster default)", () => {
    const [claim] = statefulSet.spec.volumeClaimTemplates;
    expect(claim.spec.resources.requests.storage).toBe("33Gi");
    expect(claim.spec.storageClassName).toBeUndefined();
  });

  it("GIVEN the Tempo image WHEN synthesized THEN the pod runs as 10001 and probes /ready", () => {
    const pod = statefulSet.spec.template.spec;
    expect(pod.securityContext.runAsUser).toBe(10001);
    expect(pod.containers[0].readinessProbe.httpGet.path).toBe("/ready");
  });

  it("GIVEN the Service WHEN synthesized THEN it exposes the query port and both OTLP ports", () => {
    const ports = only(objects, "Service", "tempo").spec.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`);
    expect(ports).toEqual(["http-metrics:3200", "grpc:9095", "otlp-grpc:4317", "otlp-http:4318"]);
  });
});
