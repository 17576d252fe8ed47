import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import { ComponentService, type ComponentServicePort } from "./component-service.js";
import { componentLabels, selectorLabels } from "./labels.js";
import { persistentVolumeClaimTemplate } from "./persistent-volume-claim-template.js";
import {
  CONFIG_CHECKSUM_ANNOTATION,
  IMAGE_PULL_POLICY,
  configChecksum,
  resourceRequirements,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  httpProbe,
  type ResourceSizes,
} from "./pod-defaults.js";

export interface SingleBinaryStoreProps {
  readonly environment: Environment;
  /** `app.kubernetes.io/name`, and the name of the StatefulSet and its Service (a `JOB` name). */
  readonly name: string;
  /** Pinned image reference. */
  readonly image: string;
  readonly version: string;
  /** Numeric user and group the image runs as; the volume is made writable for it via `fsGroup`. */
  readonly uid: number;
  /** File name of the configuration inside the ConfigMap, e.g. `loki.yaml`. */
  readonly configFileName: string;
  /** The configuration file's text. */
  readonly config: string;
  /** Container arguments; the configuration is mounted at `configDir`. */
  readonly args: readonly string[];
  /** Directory the configuration is mounted at. */
  readonly configDir: string;
  /** Container ports; each is also a Service port. The first one serves `readyPath`. */
  readonly ports: readonly [ComponentServicePort, ...ComponentServicePort[]];
  /** HTTP path answering 200 once the store accepts reads and writes. */
  readonly readyPath: string;
  /** Mount point of the persistent volume. */
  readonly dataDir: string;
  /** Size of the persistent volume in GiB. */
  readonly storageGiB: number;
  readonly resources: ResourceSizes;
}

/**
 * A single-replica StatefulSet with one persistent volume, its configuration from a ConfigMap and a
 * Service: the shape Loki and Tempo share when run as one binary. One replica, so no
 * PodDisruptionBudget: a budget of one would only block node drains.
 */
export class SingleBinaryStore extends Construct {
  constructor(scope: Construct, id: string, props: SingleBinaryStoreProps) {
    super(scope, id);
    const { environment, name } = props;
    const namespace = environment.settings.namespace;
    const labels = componentLabels(environment, name, props.version);
    const configMapName = `${name}-config`;
    const dataVolume = "data";
    const [httpPort] = props.ports;

    new k8s.KubeConfigMap(this, "config", {
      metadata: { name: configMapName, namespace, labels },
      data: { [props.configFileName]: props.config },
    });

    const service = new ComponentService(this, "service", {
      environment,
      component: name,
      name,
      version: props.version,
      ports: props.ports,
    });

    const ready = httpProbe(props.readyPath, httpPort.name);
    new k8s.KubeStatefulSet(this, "statefulset", {
      metadata: { name, namespace, labels },
      spec: {
        replicas: 1,
        // Only the stable name matters with one replica; the ClusterIP Service is enough to govern it.
        serviceName: service.name,
        selector: { matchLabels: selectorLabels(environment, name) },
        template: {
          metadata: { labels, annotations: { [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(props.config) } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: restrictedPodSecurityContext(props.uid),
            // Flushing in-memory chunks and the WAL on shutdown takes longer than the default 30 s.
            terminationGracePeriodSeconds: 120,
            containers: [
              {
                name,
                image: props.image,
                imagePullPolicy: IMAGE_PULL_POLICY,
                args: [...props.args],
                ports: props.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: "TCP" })),
                readinessProbe: { ...ready, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2 },
                // Rings and the WAL replay can take minutes after a crash; the startup probe covers it.
                startupProbe: { ...ready, periodSeconds: 10, failureThreshold: 60 },
                livenessProbe: { ...ready, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
                resources: resourceRequirements(props.resources),
                securityContext: restrictedContainerSecurityContext(),
                volumeMounts: [
                  { name: "config", mountPath: props.configDir, readOnly: true },
                  { name: dataVolume, mountPath: props.dataDir },
                  { name: "tmp", mountPath: "/tmp" },
                ],
              },
            ],
            volumes: [
              { name: "config", configMap: { name: configMapName } },
              { name: "tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("256Mi") } },
            ],
          },
        },
        volumeClaimTemplates: [
          persistentVolumeClaimTemplate(environment.settings, {
            name: dataVolume,
            sizeGiB: props.storageGiB,
            labels: componentLabels(environment, name),
          }),
        ],
      },
    });
  }
}
