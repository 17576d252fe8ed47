import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import { ComponentService } from "./component-service.js";
import { MEMBERLIST_PORT, memberlistServiceName } from "./object-storage.js";
import type { ComponentIdentity } from "./component-identity.js";
import { componentLabels } from "./labels.js";
import { persistentVolumeClaimTemplate } from "./persistent-volume-claim-template.js";
import { ComponentStatefulSet } from "./workload/component-stateful-set.js";
import { httpProbe, type ResourceSizes } from "./workload/pod-defaults.js";
import type { NamedPort } from "./workload/pod-template.js";

export interface SingleBinaryStoreProps {
  readonly environment: Environment;
  /** Name (a job name), image, labels of the store. */
  readonly identity: ComponentIdentity;
  /** Numeric user and group the image runs as; the volume is made writable for it via `fsGroup`. */
  readonly uid: number;
  /** File name of the configuration inside the ConfigMap, e.g. `loki.yaml`. */
  readonly configFileName: string;
  /** The configuration file's text. */
  readonly config: string;
  /** Container arguments; the configuration is mounted at `configDir`. */
  readonly args: readonly string[];
  /**
   * Environment of the container (the object storage block from the user's Secret).
   * @default none
   */
  readonly env?: readonly k8s.EnvVar[];
  /**
   * Replicas; more than one join a memberlist ring through a headless `<name>-memberlist` Service
   * (the store's configuration must say so).
   * @default 1
   */
  readonly replicas?: number;
  /** Directory the configuration is mounted at. */
  readonly configDir: string;
  /** Container ports; each is also a Service port. The first one serves `readyPath`. */
  readonly ports: readonly [NamedPort, ...NamedPort[]];
  /** HTTP path answering 200 once the store accepts reads and writes. */
  readonly readyPath: string;
  /** Mount point of the persistent volume. */
  readonly dataDir: string;
  /** Size of the persistent volume in GiB. */
  readonly storageGiB: number;
  readonly resources: ResourceSizes;
}

/**
 * A StatefulSet with one persistent volume per replica, its configuration from a ConfigMap and a
 * Service: the shape Loki and Tempo share when run as one binary. One replica by default; several
 * (Loki on object storage under `ha`) find each other through a headless memberlist Service that
 * lists pods before they are ready, since joining the ring is what makes them ready.
 */
export class SingleBinaryStore extends Construct {
  constructor(scope: Construct, id: string, props: SingleBinaryStoreProps) {
    super(scope, id);
    const { environment, identity } = props;
    const { name, namespace, labels } = identity;
    const configMapName = `${name}-config`;
    const dataVolume = "data";
    const [httpPort] = props.ports;

    new k8s.KubeConfigMap(this, "config", {
      metadata: { name: configMapName, namespace, labels },
      data: { [props.configFileName]: props.config },
    });

    const replicas = props.replicas ?? 1;
    if (replicas > 1) {
      new ComponentService(this, "memberlist", {
        environment,
        component: name,
        name: memberlistServiceName(name),
        version: identity.version,
        headless: true,
        publishNotReadyAddresses: true,
        ports: [{ name: "tcp-memberlist", port: MEMBERLIST_PORT, targetPort: MEMBERLIST_PORT }],
      });
    }

    const ready = httpProbe(props.readyPath, httpPort.name);
    new ComponentStatefulSet(this, "workload", {
      environment,
      identity,
      ...(replicas > 1 ? { replicas } : {}),
      runAs: { uid: props.uid },
      configContents: [props.config],
      // Flushing in-memory chunks and the WAL on shutdown takes longer than the default 30 s.
      terminationGracePeriodSeconds: 120,
      container: {
        args: props.args,
        ...(props.env !== undefined ? { env: props.env } : {}),
        ports: props.ports,
        readinessProbe: { ...ready, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2 },
        // Rings and the WAL replay can take minutes after a crash; the startup probe covers it.
        startupProbe: { ...ready, periodSeconds: 10, failureThreshold: 60 },
        livenessProbe: { ...ready, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
        resources: props.resources,
        volumeMounts: [
          { name: "config", mountPath: props.configDir, readOnly: true },
          { name: dataVolume, mountPath: props.dataDir },
          { name: "tmp", mountPath: "/tmp" },
        ],
      },
      volumes: [
        { name: "config", configMap: { name: configMapName } },
        { name: "tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("256Mi") } },
      ],
      volumeClaimTemplates: [
        persistentVolumeClaimTemplate(environment.settings, { name: dataVolume, sizeGiB: props.storageGiB, labels: componentLabels(environment, name) }),
      ],
    });
  }
}
