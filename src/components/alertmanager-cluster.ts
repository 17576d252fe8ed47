/**
 * The Alertmanager gossip cluster under `ha` (pure; the Alertmanager construct and the loopback
 * end-to-end test read it). Peers find each other by the stable DNS names the headless Service
 * gives the StatefulSet's pods, and deduplicate notifications through the gossiped notification log.
 */

/** Memberlist port, TCP and UDP (Alertmanager's default). */
export const ALERTMANAGER_CLUSTER_PORT = 9094;
/** Environment variable the pod's IP is put in (downward API), for the advertised address. */
export const POD_IP_ENV = "POD_IP";

/** The headless Service governing the peers: `<name>-cluster`. */
export function alertmanagerClusterServiceName(name: string): string {
  return `${name}-cluster`;
}

/** `host:port` of every peer: `<name>-<i>.<name>-cluster.<namespace>.svc:9094`, the StatefulSet's pod names. */
export function alertmanagerPeers(name: string, namespace: string, replicas: number): string[] {
  const service = alertmanagerClusterServiceName(name);
  return Array.from({ length: replicas }, (_, i) => `${name}-${i}.${service}.${namespace}.svc:${ALERTMANAGER_CLUSTER_PORT}`);
}

/**
 * Cluster flags: with one replica, `--cluster.listen-address=` turns clustering off (the port would
 * only be an open port). With several, listen on every interface, join every peer (its own name
 * included: Alertmanager skips itself), and advertise the pod IP explicitly, because Alertmanager
 * only guesses an RFC 1918 address and pod networks in 100.64.0.0/10 or public ranges exist.
 * IPv4 pod networks (the listen address).
 */
export function alertmanagerClusterArgs(name: string, namespace: string, replicas: number): string[] {
  if (replicas <= 1) return ["--cluster.listen-address="];
  return [
    `--cluster.listen-address=0.0.0.0:${ALERTMANAGER_CLUSTER_PORT}`,
    `--cluster.advertise-address=$(${POD_IP_ENV}):${ALERTMANAGER_CLUSTER_PORT}`,
    ...alertmanagerPeers(name, namespace, replicas).map((peer) => `--cluster.peer=${peer}`),
  ];
}
