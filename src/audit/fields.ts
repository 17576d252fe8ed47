/**
 * The audit-trail contract shared by the writer (`src/audit/`), the collector pipeline that ships
 * audit lines to Loki, and the Audit dashboard's LogQL. Change a name here and all three follow.
 */

/** Event types, in the order the dashboard lists them. */
export const AUDIT_EVENT_TYPES = ["PROMOTE", "PREDICT", "REGISTRY", "LOGIN"] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Event types that change what is deployed; the dashboard's "recent changes" panel shows them. */
export const AUDIT_CHANGE_EVENTS = ["PROMOTE", "REGISTRY"] as const satisfies readonly AuditEventType[];

export const AUDIT_OUTCOMES = ["success", "failure"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** JSON field names of one audit record (one line of the JSONL file). */
export const AUDIT_FIELDS = {
  ts: "ts",
  seq: "seq",
  event: "event",
  actor: "actor",
  outcome: "outcome",
  resource: "resource",
  requestId: "request_id",
  details: "details",
  prevHash: "prev_hash",
  hash: "hash",
} as const;

/**
 * Order of the fields on a written line. `ts`, `seq` and `event` lead so that a line is readable
 * and recognisable by `AUDIT_LINE_PATTERN`; `hash` is always last.
 */
export const AUDIT_LINE_FIELD_ORDER = [
  AUDIT_FIELDS.ts,
  AUDIT_FIELDS.seq,
  AUDIT_FIELDS.event,
  AUDIT_FIELDS.actor,
  AUDIT_FIELDS.outcome,
  AUDIT_FIELDS.resource,
  AUDIT_FIELDS.requestId,
  AUDIT_FIELDS.details,
  AUDIT_FIELDS.prevHash,
  AUDIT_FIELDS.hash,
] as const;

/** Where the audit log lives unless `--file` says otherwise (the original system's path). */
export const DEFAULT_AUDIT_LOG_PATH = "logs/audit/audit.log";

/** `prev_hash` of the first record of a file (seq 1): 64 zeros. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);

/**
 * Loki stream labels the collector sets on an audit line. Only these two are labels (both have a
 * handful of values); actor, outcome, resource and the rest are parsed at query time with `| json`.
 */
export const AUDIT_LOKI_LABELS = {
  /** Fixed label that marks a stream as the audit trail. */
  logType: { name: "log_type", value: "audit" },
  /** Label holding the record's `event` (one of `AUDIT_EVENT_TYPES`). */
  event: "audit_event",
} as const;

/**
 * How the collector recognises an audit line among pod logs: a JSON object that starts with
 * `{"ts":"…","seq":N,"event":"<event type>",` and ends with `,"hash":"<64 hex>"}` — exactly the
 * shape the writer produces. Valid in both RE2 (Alloy `stage.match` / `|~`) and ECMAScript; it has
 * one capture group, the event type. Anchored, so log lines that merely mention an event do not match.
 */
export const AUDIT_LINE_PATTERN =
  `^\\{"ts":"[^"]+","seq":[0-9]+,"event":"(${AUDIT_EVENT_TYPES.join("|")})",.*,"hash":"[0-9a-f]{64}"\\}$`;

export const AUDIT_LINE_REGEX = new RegExp(AUDIT_LINE_PATTERN);

/** The LogQL queries of the Audit dashboard, built from the labels and fields above. */
export interface AuditQueries {
  /** Metric: audit events per interval, one series per event type. */
  readonly eventsByType: string;
  /** Metric: failed LOGIN events per interval, one series per actor. */
  readonly failedLoginsByActor: string;
  /** Logs: failed LOGIN lines. */
  readonly failedLogins: string;
  /** Logs: PROMOTE and REGISTRY lines (what changed, who changed it). */
  readonly recentChanges: string;
  /** Instant metric: the 10 actors with the most events over the dashboard's time range. */
  readonly topActors: string;
  /** Logs: every audit line. */
  readonly rawLog: string;
}

/**
 * Builds the Audit dashboard's LogQL. `labelFilter` holds the dashboard's extra stream matchers,
 * comma-separated and without braces (e.g. `cluster=~"$cluster", audit_event=~"$event"`); empty for
 * none. Queries use the Grafana macros `$__auto` and `$__range`.
 */
export function auditQueries(labelFilter = ""): AuditQueries {
  const extra = labelFilter.trim();
  if (/[{}]/.test(extra)) {
    throw new Error(`audit label filter must be matchers without braces (value: ${JSON.stringify(labelFilter)})`);
  }
  const { logType, event } = AUDIT_LOKI_LABELS;
  const stream = (...matchers: string[]) =>
    `{${[`${logType.name}="${logType.value}"`, ...matchers, ...(extra ? [extra] : [])].join(", ")}}`;
  const all = stream();
  const logins = stream(`${event}="LOGIN"`);
  const changes = stream(`${event}=~"${AUDIT_CHANGE_EVENTS.join("|")}"`);
  const { actor, outcome } = AUDIT_FIELDS;
  // Extract only the fields a panel needs: `| json` alone would turn every details key into a label.
  const failed = `| json ${outcome}="${outcome}", ${actor}="${actor}" | __error__="" | ${outcome}="failure"`;
  return {
    eventsByType: `sum by (${event}) (count_over_time(${all} [$__auto]))`,
    failedLoginsByActor: `sum by (${actor}) (count_over_time(${logins} ${failed} [$__auto]))`,
    failedLogins: `${logins} ${failed}`,
    recentChanges: `${changes} | json | __error__=""`,
    topActors: `topk(10, sum by (${actor}) (count_over_time(${all} | json ${actor}="${actor}" | __error__="" [$__range])))`,
    rawLog: all,
  };
}

/**
 * Longest line (bytes, newline included) the writer accepts: far below Loki's default 256 KB
 * `max_line_size`, so a shipped audit line is never truncated.
 */
export const AUDIT_MAX_LINE_BYTES = 64 * 1024;
