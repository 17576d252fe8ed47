import { parseAllDocuments, parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { PROMETHEUS_CONFIG_FILE } from "../../src/components/prometheus.js";
import { synthesize } from "../../src/synth/synthesize.js";
import type { KubeObject } from "../helpers/component-objects.js";
import { tempProject } from "../helpers/temp-project.js";

/**
 * Policy over the whole output of every environment: the repository's stacks plus an operator
 * profile and one with every optional Secret reference set, synthesized into a temporary project.
 */

type Deviation =
  | "root" | "hostNetwork" | "hostPID" | "hostIPC" | "hostPath" | "privileged"
  | "privilegeEscalation" | "capabilities" | "writableRootFilesystem" | "seccomp";

/** The only exceptions to Pod Security `restricted`, by `app.kubernetes.io/name`, with what each may deviate in and why. */
const SECURITY_EXCEPTIONS: Readonly<Record<string, { readonly reason: string; readonly allowed: readonly Deviation[] }>> = {
  "node-exporter": {
    reason: "node metrics are the host's: host network and PID namespaces, /proc, /sys and / mounted read-only (still nobody, no capabilities)",
    allowed: ["hostNetwork", "hostPID", "hostPath"],
  },
  "dcgm-exporter": {
    reason: "DCGM's embedded host engine expects root and the kubelet pod-resources socket is root-owned; the socket directory is a read-only hostPath; SYS_ADMIN (only that) for DCGM's profiling fields, which give MIG instances their utilisation; the host PID namespace to map GPU processes to pods, which splits shared GPUs by use",
    allowed: ["root", "hostPath", "hostPID", "capabilities"],
  },
  alloy: {
    reason: "container logs in /var/log/pods are root-owned 0640: read as uid 0 with no capabilities through a read-only hostPath",
    allowed: ["root", "hostPath"],
  },
};

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);
/** The last-applied-configuration annotation of client-side apply is limited to 256 KiB. */
const MAX_OBJECT_BYTES = 256 * 1024;

const SECRET_PATTERNS: readonly RegExp[] = [
  /hooks\.slack\.com\/services\/\S+/,
  /\brouting_key\s*:\s*["']?[^\s"'{}]/,
  /\b\w*password["']?\s*:\s*["']?[^\s"'{},]/i,
  /\b\w*(api_key|secret_key|auth_token|bearer_token)["']?\s*:\s*["']?[^\s"'{},]/i,
  /\btoken["']?\s*:\s*["']?[A-Za-z0-9._~+/-]{16,}/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /\bgh[pousr]_[A-Za-z0-9]{36}\b/,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./,
];

function secretsIn(text: string): string[] {
  return SECRET_PATTERNS.flatMap((p) => text.match(p)?.[0] ?? []);
}

const project = tempProject({ stacks: "repository" });
project.write("stacks/policy-operator.yaml", "profile: operator\n");
project.write(
  "stacks/policy-secrets.yaml",
  [
    "costExporter:",
    "  liveCarbonIntensity:",
    "    enabled: true",
    "    url: https://carbon.example/v1/{region}",
    "    tokenSecretName: carbon-api-token",
    "prometheus:",
    "  remoteWriteUrl: https://metrics.example/api/v1/write",
    "  remoteWriteSecretName: remote-write-auth",
    "",
  ].join("\n"),
);
project.write("stacks/policy-pinned.yaml", `workloads:\n  cpuLimitFactor: 2\nimageDigests:\n  grafana: sha256:${"b".repeat(64)}\n`);
synthesize(project);
const dist = project.snapshotDist();
afterAll(() => project.remove());

/** Objects of each environment, with the file they came from. */
const environments = new Map<string, { file: string; object: KubeObject; text: string }[]>();
for (const [path, text] of dist) {
  const match = /^([^/]+)\/manifests\/(.+\.yaml)$/.exec(path);
  if (!match || match[2] === "kustomization.yaml") continue;
  const [doc] = parseAllDocuments(text);
  const list = environments.get(match[1] as string) ?? [];
  list.push({ file: path, object: doc?.toJS() as KubeObject, text });
  environments.set(match[1] as string, list);
}
const all = [...environments.values()].flat();
const workloads = all.filter((o) => WORKLOAD_KINDS.has(o.object.kind));

function deviations(pod: any): Set<Deviation> {
  const found = new Set<Deviation>();
  if (pod.hostNetwork) found.add("hostNetwork");
  if (pod.hostPID) found.add("hostPID");
  if (pod.hostIPC) found.add("hostIPC");
  if ((pod.volumes ?? []).some((v: any) => v.hostPath !== undefined)) found.add("hostPath");
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    const sc = c.securityContext ?? {};
    const runAsUser = sc.runAsUser ?? pod.securityContext?.runAsUser;
    const nonRoot = sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    if (nonRoot !== true || runAsUser === undefined || runAsUser === 0) found.add("root");
    if (sc.privileged === true) found.add("privileged");
    if (sc.allowPrivilegeEscalation !== false) found.add("privilegeEscalation");
    if (JSON.stringify(sc.capabilities?.drop) !== '["ALL"]' || (sc.capabilities?.add ?? []).length > 0) found.add("capabilities");
    if (sc.readOnlyRootFilesystem !== true) found.add("writableRootFilesystem");
    if ((sc.seccompProfile ?? pod.securityContext?.seccompProfile)?.type !== "RuntimeDefault") found.add("seccomp");
  }
  return found;
}

describe("policy over every environment", () => {
  it("GIVEN the synthesized environments WHEN listed THEN standalone, operator and the Secret-referencing one all have workloads", () => {
    expect([...environments.keys()]).toEqual(expect.arrayContaining(["default", "policy-operator", "policy-secrets"]));
    expect(workloads.filter((w) => w.file.startsWith("policy-operator/")).map((w) => w.object.metadata.name).sort())
      .toEqual(["dcgm-exporter", "nfops-cost-exporter"]);
  });

  it("GIVEN every container WHEN its image is read THEN it is pinned to a tag or digest, never latest, pulled IfNotPresent", () => {
    for (const { file, object } of workloads) {
      const pod = object.spec.template.spec;
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(c.image, file).toMatch(/^[^\s@]+\/[^\s/@:]+((:[A-Za-z0-9_][A-Za-z0-9_.-]*)(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$/);
        expect(c.image, file).not.toMatch(/:latest$/);
        expect(c.imagePullPolicy, file).toBe("IfNotPresent");
      }
    }
  });

  it("GIVEN every container WHEN its resources are read THEN CPU and memory are requested and memory is limited; long-running ones have probes", () => {
    for (const { file, object } of workloads) {
      const pod = object.spec.template.spec;
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(c.resources?.requests?.cpu, `${file} ${c.name}`).toBeDefined();
        expect(c.resources?.requests?.memory, `${file} ${c.name}`).toBeDefined();
        expect(c.resources?.limits?.memory, `${file} ${c.name}`).toBeDefined();
      }
      for (const c of pod.containers) {
        expect(c.readinessProbe, `${file} ${c.name}`).toBeDefined();
        expect(c.livenessProbe, `${file} ${c.name}`).toBeDefined();
      }
    }
  });

  it("GIVEN every workload WHEN compared with Pod Security restricted THEN it complies, or deviates only as its allowlist entry says", () => {
    const used = new Set<string>();
    for (const { file, object } of workloads) {
      const component = object.metadata.labels?.["app.kubernetes.io/name"] as string;
      const found = [...deviations(object.spec.template.spec)];
      const allowed = SECURITY_EXCEPTIONS[component]?.allowed ?? [];
      expect(found.filter((d) => !allowed.includes(d)), `${file}: ${found.join(", ")}`).toEqual([]);
      if (found.length > 0) used.add(component);
    }
    // An entry no workload needs any more is an exception nobody reviews: remove it.
    expect([...used].sort()).toEqual(Object.keys(SECURITY_EXCEPTIONS).sort());
    for (const { reason } of Object.values(SECURITY_EXCEPTIONS)) expect(reason.length).toBeGreaterThan(20);
  });

  it("GIVEN every object WHEN its name and labels are read THEN the name is explicit and the app.kubernetes.io labels are set", () => {
    for (const { file, object } of all) {
      expect(object.metadata.name, file).not.toMatch(/-c8[0-9a-f]{6,}$|-[0-9a-f]{8}$/);
      const labels = object.metadata.labels ?? {};
      for (const key of ["name", "instance", "part-of", "managed-by"]) expect(labels[`app.kubernetes.io/${key}`], `${file} ${key}`).toBeDefined();
      expect(JSON.stringify(object), file).not.toContain("cdk8s.io/metadata.addr");
      if (WORKLOAD_KINDS.has(object.kind)) {
        expect(object.spec.template.metadata.labels["app.kubernetes.io/name"], file).toBe(labels["app.kubernetes.io/name"]);
      }
    }
  });

  it("GIVEN everything under dist/ WHEN scanned THEN no plaintext credential and no Secret object is there", () => {
    for (const [path, text] of dist) expect(secretsIn(text), path).toEqual([]);
    expect(all.filter((o) => o.object.kind === "Secret").map((o) => o.file)).toEqual([]);
  });

  it("GIVEN planted credentials WHEN scanned THEN each is found (the scan can fail)", () => {
    const planted = [
      "url: https://hooks.slack.com/services/T000/B000/XXXXXXXX",
      "routing_key: 0123456789abcdef0123456789abcdef",
      "smtp_auth_password: hunter2",
      '"password": "s3cret"',
      "token: 9f8e7d6c5b4a39281706f5e4d3c2b1a0",
      "api_key: abc",
    ];
    for (const line of planted) expect(secretsIn(line), line).not.toEqual([]);
    for (const line of ["password_file: /etc/am/secrets/smtp-password", "routing_key_file: /etc/x", "key: token", "smtpPasswordKey: smtp-password"]) {
      expect(secretsIn(line), line).toEqual([]);
    }
  });

  it("GIVEN every object WHEN serialized THEN it stays under the 256 KiB last-applied limit", () => {
    for (const { file, object } of all) expect(Buffer.byteLength(JSON.stringify(object)), file).toBeLessThan(MAX_OBJECT_BYTES);
  });

  it("GIVEN every Service WHEN its selector is compared with pod templates THEN it selects a workload of its environment", () => {
    for (const [env, objects] of environments) {
      const templates = objects.filter((o) => WORKLOAD_KINDS.has(o.object.kind)).map((o) => o.object.spec.template.metadata.labels);
      for (const { file, object } of objects.filter((o) => o.object.kind === "Service")) {
        const selector = Object.entries(object.spec.selector ?? {});
        expect(selector.length, file).toBeGreaterThan(0);
        expect(templates.some((labels) => selector.every(([k, v]) => labels[k] === v)), `${env}: ${file}`).toBe(true);
      }
    }
  });

  it("GIVEN the Prometheus configuration WHEN each workload is looked up THEN a scrape job of its name keeps the endpoints of a Service of that name and port that selects it", () => {
    let checked = 0;
    for (const [env, objects] of environments) {
      const config = objects.find((o) => o.object.kind === "ConfigMap" && o.object.data?.[PROMETHEUS_CONFIG_FILE] !== undefined);
      if (config === undefined) continue;
      const jobs = parse(config.object.data[PROMETHEUS_CONFIG_FILE]).scrape_configs;
      const services = objects.filter((o) => o.object.kind === "Service").map((o) => o.object);
      for (const { object } of objects.filter((o) => WORKLOAD_KINDS.has(o.object.kind))) {
        const name = object.metadata.labels?.["app.kubernetes.io/name"] as string;
        const job = jobs.find((j: any) => j.job_name === name);
        expect(job, `${env}: workload ${name} has no scrape job of its name`).toBeDefined();
        const keep = job.relabel_configs.find((r: any) => r.action === "keep" && r.source_labels[0] === "__meta_kubernetes_service_name");
        expect(keep, `${env} ${name}`).toBeDefined();
        const [service, port] = keep.regex.split(";");
        const target = services.find((s) => s.metadata.name === service);
        expect(target, `${env}: job ${name} has no Service ${service}`).toBeDefined();
        expect(target?.spec.ports.map((p: any) => p.name), `${env}: Service ${service}`).toContain(port);
        expect(Object.entries(target?.spec.selector ?? {}).every(([k, v]) => object.spec.template.metadata.labels[k] === v), `${env}: Service ${service} selects ${name}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("GIVEN every scrape target in the namespace WHEN its pods are matched against the NetworkPolicies THEN Prometheus may reach the scraped port (host-network pods excepted)", () => {
    let checked = 0;
    for (const [env, objects] of environments) {
      const list = objects.map((o) => o.object);
      const services = list.filter((o) => o.kind === "Service");
      const pods = list.filter((o) => WORKLOAD_KINDS.has(o.kind)).map((o) => o.spec.template);
      const policies = list.filter((o) => o.kind === "NetworkPolicy");
      const config = list.find((o) => o.kind === "ConfigMap" && o.data?.[PROMETHEUS_CONFIG_FILE] !== undefined);
      // Standalone: the Prometheus pod of this namespace scrapes; operator: the cluster's Prometheus, from another namespace.
      const scraper = pods.find((p) => p.metadata.labels["app.kubernetes.io/name"] === "prometheus")?.metadata.labels;
      const targets: { service: any; portName: string }[] = config
        ? parse(config.data[PROMETHEUS_CONFIG_FILE]).scrape_configs.flatMap((job: any) => {
            const keep = job.relabel_configs?.find((r: any) => r.action === "keep" && r.source_labels[0] === "__meta_kubernetes_service_name");
            if (!keep) return [];
            const [name, portName] = keep.regex.split(";");
            return [{ service: services.find((s) => s.metadata.name === name), portName }];
          })
        : list.filter((o) => o.kind === "ServiceMonitor").map((m) => ({
            service: services.find((s) => Object.entries(m.spec.selector.matchLabels).every(([k, v]) => s.metadata.labels?.[k] === v)),
            portName: m.spec.endpoints[0].port,
          }));
      for (const { service, portName } of targets) {
        const pod = pods.find((p) => Object.entries(service.spec.selector).every(([k, v]) => p.metadata.labels[k] === v));
        if (pod.spec.hostNetwork === true) continue;
        const target = service.spec.ports.find((p: any) => p.name === portName).targetPort;
        const port = pod.spec.containers.flatMap((c: any) => c.ports ?? []).find((p: any) => p.name === target || p.containerPort === target).containerPort;
        const allowed = policies
          .filter((policy) => Object.entries(policy.spec.podSelector.matchLabels ?? {}).every(([k, v]) => pod.metadata.labels[k] === v))
          .flatMap((policy) => policy.spec.ingress ?? [])
          .some((rule: any) =>
            rule.ports.some((p: any) => p.port === port) &&
            (rule.from ?? [{}]).some((peer: any) =>
              scraper
                ? Object.entries(peer.podSelector?.matchLabels ?? { none: "" }).every(([k, v]) => scraper[k] === v)
                : peer.namespaceSelector !== undefined,
            ),
          );
        expect(allowed, `${env}: Prometheus cannot reach ${service.metadata.name}:${port}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it("GIVEN every in-namespace connection a policy admits WHEN the sender's egress is read THEN the sender may open it too", () => {
    let checked = 0;
    for (const [env, objects] of environments) {
      const list = objects.map((o) => o.object);
      const pods = list.filter((o) => WORKLOAD_KINDS.has(o.kind)).map((o) => o.spec.template.metadata.labels as Record<string, string>);
      const policies = list.filter((o) => o.kind === "NetworkPolicy");
      const selects = (selector: any, labels: Record<string, string>) => Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
      const egressOf = (labels: Record<string, string>) =>
        policies.filter((p) => p.spec.policyTypes.includes("Egress") && selects(p.spec.podSelector, labels)).flatMap((p) => p.spec.egress ?? []);
      expect(egressOf({}).length, `${env}: DNS for every pod`).toBeGreaterThan(0);
      for (const policy of policies.filter((p) => p.spec.policyTypes.includes("Ingress"))) {
        const targets = pods.filter((labels) => selects(policy.spec.podSelector, labels));
        for (const rule of policy.spec.ingress ?? []) {
          for (const peer of rule.from ?? []) {
            if (peer.namespaceSelector !== undefined || peer.podSelector?.matchLabels === undefined) continue;
            for (const sender of pods.filter((labels) => selects(peer.podSelector, labels))) {
              for (const { port } of rule.ports) {
                const allowed = egressOf(sender).some(
                  (e: any) =>
                    (e.ports === undefined || e.ports.some((p: any) => p.port === port)) &&
                    (e.to === undefined || e.to.some((to: any) => targets.some((t) => selects(to.podSelector, t)))),
                );
                expect(allowed, `${env}: ${sender["app.kubernetes.io/name"]} may not open ${policy.metadata.name}:${port}`).toBe(true);
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("GIVEN workloads.cpuLimitFactor and an image digest WHEN synthesized THEN every container's CPU limit is that multiple of its request and the image is pinned by digest", () => {
    const pinned = workloads.filter((w) => w.file.startsWith("policy-pinned/"));
    expect(pinned.length).toBeGreaterThan(5);
    const millis = (q: string) => (q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000);
    for (const { file, object } of pinned) {
      for (const c of object.spec.template.spec.containers) {
        expect(millis(c.resources.limits.cpu), `${file} ${c.name}`).toBe(2 * millis(c.resources.requests.cpu));
      }
    }
    const grafana = pinned.find((w) => w.object.metadata.name === "grafana")?.object.spec.template.spec.containers[0];
    expect(grafana.image).toBe(`docker.io/grafana/grafana:12.1.1@sha256:${"b".repeat(64)}`);
    expect(workloads.filter((w) => w.file.startsWith("default/")).every((w) => w.object.spec.template.spec.containers.every((c: any) => c.resources.limits.cpu === undefined))).toBe(true);
  });
});
