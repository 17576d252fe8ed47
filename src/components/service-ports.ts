/**
 * Name of the Service and container port that serves `/metrics` on every scraped component
 * (kube-prometheus convention). The standalone scrape configuration keeps only endpoints with this
 * port name and operator-profile ServiceMonitors select it, so a component that names its port
 * differently is not scraped — keep Service, container and scrape config on this one constant.
 * The port number is each component definition's `port`.
 */
export const METRICS_PORT_NAME = "http-metrics";
