/**
 * Value shapes of the settings schemas (`environment-schema.ts` and the fragments it composes),
 * each with the rule its consumer applies (the API server, Prometheus, Alertmanager), so that
 * what passes here passes there. `durationRange` is this project's keyword (registered in
 * `src/config/validate.ts`): the duration's bounds, inclusive, in Prometheus units.
 */

/** Prometheus-style duration between `min` and `max`, e.g. `15s`, `5m`, `30d`. */
export const duration = (min: string, max: string) => ({ type: "string", pattern: "^[0-9]{1,9}(ms|s|m|h|d|w|y)$", durationRange: [min, max] }) as const;
/** Kubernetes quantity for storage, in GiB as an integer (units in the name). */
export const gibibytes = { type: "integer", minimum: 1, maximum: 65536 } as const;
/** RFC 1123 label: namespaces, Service and Secret names used as labels. */
export const dnsLabel = { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 } as const;
export const DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
/** RFC 1123 subdomain (Secret and StorageClass names), or empty for "none". */
export const optionalDnsSubdomain = { type: "string", pattern: `^(${DNS_SUBDOMAIN})?$`, maxLength: 253 } as const;
/** A key of a Secret: `[-._a-zA-Z0-9]+`, neither `.` nor `..`, not starting with `..` (the kubelet's own files). */
export const secretKey = { type: "string", pattern: "^(?!\\.\\.)(?!\\.$)[-._a-zA-Z0-9]+$", maxLength: 253 } as const;
/** Label key: optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
export const labelKey = { type: "string", pattern: `^(${DNS_SUBDOMAIN}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$`, maxLength: 317 } as const;
/** Prometheus label name (prometheus/common model `LabelNameRE` as Prometheus 2.42 validates rule labels); `__` names are reserved for Prometheus. */
export const promLabelName = { type: "string", pattern: "^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$", maxLength: 128 } as const;
/** Label value: empty, or at most 63 characters of `[-_.A-Za-z0-9]` starting and ending alphanumeric. */
export const labelValue = { type: "string", pattern: "^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$" } as const;
/** A Prometheus label value written into a selector: anything but quotes, backslashes and control characters. */
export const promLabelValue = (description: string) => ({ type: "string", pattern: '^[^"\\\\\\u0000-\\u001f]+$', maxLength: 256, description }) as const;
/** An http(s) URL. */
export const httpUrl = { type: "string", format: "uri", pattern: "^https?://[^\\s/]+", maxLength: 2048 } as const;
/** A plain value Alertmanager may expand as a Go template: no template delimiters, no control characters. */
export const literal = (maxLength: number) => ({ type: "string", pattern: "^(?!.*(\\{\\{|\\}\\}))[^\\u0000-\\u001f]*$", maxLength }) as const;
export const enabled = (what: string) =>
  ({ type: "boolean", default: true, description: `Deploy ${what}.` }) as const;
/**
 * Toggle of a component that another setting brings in (Thanos with `longTermStorage`): no
 * default, so environments without that setting resolve exactly as before; left out, it follows
 * the setting, and `false` keeps it out.
 */
export const withSetting = (what: string, setting: string) =>
  ({ type: "boolean", description: `Deploy ${what} when \`${setting}\` asks for it (left out: yes).` }) as const;
