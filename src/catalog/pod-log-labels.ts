/**
 * Stream labels the collector puts on every pod log line in Loki, each with the Kubernetes pod
 * metadata it comes from: the collector's configuration and the dashboards' LogQL both take them
 * from here.
 */
export const POD_LOG_LABELS = { namespace: "namespace", pod: "pod_name", container: "pod_container_name", app: "pod_label_app_kubernetes_io_name" } as const;
