/**
 * The generated configuration as the Debian Alertmanager/amtool 0.25 on these machines can read it.
 * The deployed Alertmanager reads the heartbeat webhook's URL from the Secret through `url_file`
 * (added after 0.25); for 0.25 each `url_file` becomes a `url` (by default a placeholder; the
 * end-to-end suite passes its capture server). Nothing else changes.
 */
export function forAlertmanager025(config: Record<string, unknown>, url = "http://127.0.0.1:9/heartbeat"): Record<string, unknown> {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => (key === "url_file" ? ["url", url] : [key, rewrite(inner)])),
    );
  };
  return rewrite(config) as Record<string, unknown>;
}
