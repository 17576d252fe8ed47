import { describe, expect, it } from "vitest";
import { lokiConfig } from "../../src/components/loki-config.js";
import { componentObjects, loadTestEnvironment, loadTestStack, only } from "../helpers/component-objects.js";
import { configErrorOf } from "../helpers/config-error.js";

const stack = loadTestStack("retention:\n  loki: 30d\nstorage:\n  storageClassName: fast-ssd\n  lokiGiB: 120\n");

describe("lokiConfig", () => {
  const config = lokiConfig(stack.environment.settings, stack.stack.port("loki")) as Record<string, any>;

  it("GIVEN retention.loki WHEN the configuration is built THEN the compactor deletes after exactly that period", () => {
    expect(config.compactor.retention_enabled).toBe(true);
    expect(config.compactor.delete_request_store).toBe("filesystem");
    expect(config.limits_config.retention_period).toBe("30d");
  });

  it("GIVEN a single binary WHEN the configuration is built THEN it is one tenant, replication 1, tsdb v13 on the filesystem", () => {
    expect(config.auth_enabled).toBe(false);
    expect(config.common.replication_factor).toBe(1);
    expect(config.schema_config.configs).toEqual([
      { from: "2024-04-01", store: "tsdb", object_store: "filesystem", schema: "v13", index: { prefix: "index_", period: "24h" } },
    ]);
    expect(config.server.http_listen_port).toBe(3100);
  });

  it("GIVEN a retention shorter than Loki's 24 h index period WHEN loading THEN the file, path and bounds are named", () => {
    expect(configErrorOf(() => loadTestEnvironment("retention:\n  loki: 12h\n"))).toContain(
      'stacks/test.yaml:2:9: /retention/loki: must be a duration from 24h to 10y (value: "12h")',
    );
  });
});

describe("Loki construct", () => {
  const objects = componentObjects(stack, "loki");
  const statefulSet = only(objects, "StatefulSet", "loki");

  it("GIVEN storage settings WHEN synthesized THEN the volume claim has the configured size and class", () => {
    const [claim] = statefulSet.spec.volumeClaimTemplates;
    expect(claim.spec.storageClassName).toBe("fast-ssd");
    expect(claim.spec.resources.requests.storage).toBe("120Gi");
  });

  it("GIVEN the Loki image WHEN synthesized THEN the pod runs as its user 10001 with a restricted container", () => {
    const pod = statefulSet.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, runAsNonRoot: true });
    expect(pod.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
  });

  it("GIVEN the container WHEN synthesized THEN readiness and liveness ask /ready on the metrics port", () => {
    const container = statefulSet.spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet).toEqual({ path: "/ready", port: "http-metrics" });
    expect(container.livenessProbe.httpGet).toEqual({ path: "/ready", port: "http-metrics" });
  });

  it("GIVEN the Service WHEN synthesized THEN it is named after the scrape job and serves 3100 as http-metrics", () => {
    const service = only(objects, "Service", "loki");
    expect(service.spec.ports[0]).toMatchObject({ name: "http-metrics", port: 3100 });
    expect(statefulSet.spec.serviceName).toBe("loki");
  });
});
